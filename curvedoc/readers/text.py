"""Plain-text training output: a record per line, found by pattern.

Two kinds of record, tried in this order on every line:

1. a JSON object or Python dict repr anywhere in the line (``json_stats: {...}``,
   HF Trainer's console ``{'loss': 0.3, 'epoch': 0.19}``);
2. ``key value`` pairs joined by ``:``, ``=`` or blanks (``iter 100: loss 3.2134``,
   ``step:125/1385 val_loss:4.3930``, ``epoch 001 | loss 9.856``, Keras' ``- loss: 0.8123``);
   units are stripped (``14290ms`` -> 14290, ``12.34%`` -> 12.34); a line's decimal commas
   (``loss 0,53``) or thousands separators (``step 16,384 loss 0.53``) are read as such.

Only one kind is read: dicts when there are at least as many dict lines as lines with
several pairs (then the rest is console noise), else pairs.
A record's step is its step key (``step``, ``iter``, ``num_updates`` …), else its
``epoch``; a record without one (Keras' progress line under ``Epoch 3/50``) takes the
step of the record before it. A step that starts again every epoch
(``Epoch [2/10], Step [1/20]``) is numbered across epochs. With no step key at all,
records are numbered in file order, and the run says so.
"""

from __future__ import annotations

import ast
import json
import math
import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from curvedoc.errors import CurvedocError
from curvedoc.readers import _io
from curvedoc.readers._table import UNENDED_LAST_LINE, flat_items, json_number, records_to_table, text_number
from curvedoc.readers.hf_trainer import SUMMARY_KEYS
from curvedoc.run import Run, build_run, counts_up

FORMAT = "text"

# Keys that count training steps, most specific first; all name the same axis. A policy trained on
# episodes counts them (``episode 186 return 8.60``) when it logs no step.
# LLaMA-Factory's trainer_log.jsonl counts its steps as current_steps.
STEP_KEYS = ("global_step", "trainer/global_step", "train/global_step", "time/total_timesteps", "current_steps",
             "step", "steps", "_step", "iteration", "iterations", "iter", "it", "num_updates", "updates", "update",
             "episode", "episodes")
EPOCH_KEYS = ("epoch", "epochs")
_AXIS_KEYS = frozenset(STEP_KEYS + EPOCH_KEYS)
# First words that make a two-word key (``train loss``, ``val loss``); any other first word
# is prose (``at step 500`` -> ``step``).
KEY_PREFIXES = frozenset({"train", "training", "val", "valid", "validation", "test", "eval", "dev"})
HELD_OUT_PREFIXES = KEY_PREFIXES - {"train", "training"}
# A dict repr longer than this is not a log record; parsing it would only cost time.
MAX_DICT_CHARS = 65536
# A line without a step key joins the step before it only when it holds at least this many
# pairs (a metrics line such as Keras' progress line) or sits under a step-only header line;
# a lone ``size 12.5`` elsewhere stays unmatched.
MIN_PAIRS_WITHOUT_STEP = 2
# Records needed before a value repeated unchanged in all of them is taken for echoed configuration.
MIN_RECORDS_FOR_CONSTANT = 3
# Values of one name that make it a series when most of a file's lines hold no record.
MIN_SERIES = 3
# File names that say nothing about the run; the directory holding them does.
GENERIC_STEMS = frozenset({"log", "logs", "stdout", "output", "out", "train", "training", "console",
                           "nohup"})

# A number may hold commas (``0,53``, ``16,384``): what they mean is decided per line (``_read_commas``).
# NaN and infinity also as C runtimes print them (``-nan(ind)``, ``1.#INF``): a logged NaN is a divergence.
# The digits split one way only: ``\d+\.?\d*`` tried every split of a long run of digits, 65 s for 30,000.
_NUMBER = (r"[-+]?(?:\d+(?:(?:,\d+)+(?:\.\d+)?|(?:\.\d*)?)|\.\d+)(?:[eE][-+]?\d+)?"
           r"|[-+]?(?i:nan(?:\((?:ind|snan)\))?|inf(?:inity)?|1\.#(?:qnan|ind|inf))")
_UNIT = r"%|ms|us|µs|ns|s|sec|secs|min|h|hr|x|it/s|s/it|ms/it|ms/step|s/step|/s"
_TIME_UNITS = frozenset({"ms", "us", "µs", "ns", "s", "sec", "secs", "min", "h", "hr", "s/it", "ms/it",
                         "ms/step", "s/step"})
# key (one or two words, ``Acc@1`` as torchvision writes top-k; the lookbehind after the first
# letter keeps a key from starting mid-word, and puts the cheap letter test first), separator,
# [value], optional /total, unit; a match is (key, value, total, unit).
_PAIR = re.compile(
    r"([^\W\d](?<![\w./\-@][^\W\d])[\w./\-@]*(?: [^\W\d][\w./\-@]*)?)"
    r"(?:\s*[:=]\s*|\s+)\[?"
    rf"({_NUMBER})"
    r"(?:/(\d+))?"
    rf"({_UNIT})?"
    # A colon after the value only before a space or the line's end: a colon-separated record
    # (``user:x:0:0:User 0:/home/user``, /etc/passwd) holds no ``key: value`` pair; read as one, it made
    # a "metric" x.
    r"(?=$|[\s,|;)\]}]|:(?!\S))"
)
# torchvision's evaluation lines, read as fairseq's "| test |" section below.
_TEST_LINE = re.compile(r"^Test:[ \t]*\[\s*\d+/\d+\]", re.M)
# pycocotools' summary of an evaluation, a line per statistic under "IoU metric: bbox" (torchvision's
# detection references print it after each epoch's "Test:" lines); read, its IoU=0.75 and maxDets=100
# had been metrics "IoU" and "maxDets", and the APs themselves lost.
_COCO_STAT = re.compile(r"^[ \t]*Average (?:Precision|Recall)[ \t]*\((A[PR])\)[ \t]*@\[[ \t]*IoU=([\d.:]+)"
                        r"[ \t]*\|[ \t]*area=[ \t]*(\w+)[ \t]*\|[ \t]*maxDets=[ \t]*(\d+)[ \t]*\]"
                        r"[ \t]*=[ \t]*([-\d.]+)[ \t]*$", re.M)
_COCO_TYPE = re.compile(r"^[ \t]*IoU metric:[ \t]*(\w+)[ \t]*$", re.M)
_TEST_SUMMARY = re.compile(r"^\s*\* (?=Acc@1\b)", re.M)
# A line that opens with a held-out set's name before its position ("Valid Epoch: 16 Loss: nan" under "Train
# Epoch: 16 Loss: 0.36"): its keys get that prefix, as fairseq's sections do; read bare, its loss was the
# training loss's, the later kept. So does "Test set: Average loss: 5.0191, Acc@1: 8.434%" (PyTorch's examples).
# So does a set's name before a summary ("Valid Summary | Epoch 35 | Loss=0.155", demucs's, behind its logger's
# "[...][INFO] - "; Megatron's " validation loss at iteration 50 | lm loss value: 8.89", GPT-NeoX's "validation
# results at iteration 500 | lm_loss value: 4.13"), or before the line's
# first key ("test Loss: 1.87 Top-1 Acc: 47.3" under a "train Loss:" line of the same keys).
_HELD_OUT_LINE = re.compile(rf"(?:\[[^\n]*?\][ \t]*(?:-[ \t]*)?)?[ \t]*({'|'.join(sorted(HELD_OUT_PREFIXES))})[ \t]+"
                            r"(?:(?:epoch|iter|iteration|step|set|summary|loss at|results at)\b"
                            r"|[^\W\d][\w\-@]*(?:[ \t][^\W\d][\w\-@]*)?[ \t]*[:=])", re.I)
_HELD_OUT_FIRST = "[" + "".join({p[0] + p[0].upper() for p in HELD_OUT_PREFIXES})
# A two-word key that names its set keeps it inside another set's line ("val loss: 0.5, train loss: 0.4"), and
# so does one joined to a held-out set's name on a held-out line ("eval iter 250 | val_nll 2.35"); a name
# joined to "train" (fairseq's train_wall in its train_inner section) is no set's.
_OWN_SET = re.compile(rf"(?:{'|'.join(sorted(KEY_PREFIXES))}) ", re.I)
_HELD_OUT_KEY = re.compile(rf"(?:{'|'.join(sorted(HELD_OUT_PREFIXES))})[ _]", re.I)
# fairseq names the subset between pipes: "| train |", "| valid |"; its keys get that prefix.
_SECTION = re.compile(r"\|\s*(train_inner|train|valid|validation|val|test|eval|dev)\s*\|")
# Keras' progress bar mid-epoch: running averages, superseded by the epoch's final line.
_KERAS_PARTIAL = " - ETA: "
# Keras callbacks' messages between the epochs' lines (ModelCheckpoint, ReduceLROnPlateau,
# EarlyStopping): "val_loss improved from 0.5 to 0.4" holds no metrics called from and to.
_KERAS_CALLBACK = re.compile(r"Epoch \d+: (?:\S+ (?:improved from|did not improve from) |ReduceLROnPlateau reducing|"
                             r"early stopping)|Restoring model weights from")
# A library's warning or error in glog's layout (torch, absl, TensorFlow: ``W0610 09:14:02.123000 140123
# convert_frame.py:844] ...``): no record of the run's, whatever numbers it quotes ("loss 3.2109 != 2.9"
# of a torch._dynamo guard replaced the loss at the step before it). INFO lines (I...) may be the run's, read
# after the prefix: its source line ("solver.cpp:365]") made a metric "solver.cpp" of Caffe's every line.
_GLOG_WARNING = re.compile(r"[WEF]\d{4} \d\d:\d\d:\d\d\.\d+\s+\d+\s+\S+:\d+\]")
_GLOG_INFO = re.compile(r"I\d{4} \d\d:\d\d:\d\d\.\d+\s+\d+\s+\S+:\d+\] ?")
# TensorFlow's C++ runtime, any level (``2022-07-18 12:57:32.516662: I tensorflow/stream_executor/cuda/
# cuda_dnn.cc:368] Loaded cuDNN version 8100``): the runtime's, never the run's ("version" read as a metric).
_TF_RUNTIME = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+: [IWEF] \S+\.(?:cc|h):\d+\] ")
_BOLD_NUMBER = re.compile(r"\*\*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\*\*")
# Terminal escape sequences (colours from rich, loguru, tqdm; window titles), kept in a log
# captured from a terminal: CSI sequences, OSC strings, and two-byte escapes.
_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")


def read(path: Path) -> list[Run]:
    path = Path(path)
    text = _io.read_text(path)  # not imported by name: the registry would call it as read_<format>
    end = max(text.rfind("\n"), text.rfind("\r"))
    cut = not text.endswith(("\n", "\r")) and end >= 0 and bool(text[:end].strip())
    if cut:  # a log still being written: its last line may end inside a number (0. of 0.5005, step 6 of 600)
        text = text[:end + 1]
    if "\x1b" in text:
        text = _ESCAPE.sub("", text)
    if "\uff1a" in text:  # a full-width colon (Chinese consoles: "训练次数：100, Loss：1.98") is a colon
        text = text.replace("\uff1a", ": ")
    if "## " in text:
        text = _knitr_output(text)
    if "**" in text:  # a number set in bold where a console was pasted into Markdown ("loss: **0.1843**")
        text = _BOLD_NUMBER.sub(r"\1", text)
    if "%|" in text:
        text = _bar_redraws(text)
    if "total_timesteps" in text and "|" in text:
        text = _sb3_tables(text)
    if "--  --" in text and _RULE.search(text):
        text = _ruled_tables(text)
    if "finished with value" in text and len(_OPTUNA_TRIAL.findall(text[:100_000])) >= MIN_RECORDS_FOR_CONSTANT:
        raise CurvedocError("an Optuna study's trials (one objective value per trial, each with its own "
                            "parameters), not a training log: give the log of a trial's training", path)
    if "Running Trial #" in text and len(trials := _TUNER_TRIAL.split(text)) > 3:
        # KerasTuner's search: a run per trial, each its own fit from epoch 1 (read as one, the later trials'
        # epochs went back over the earlier's and those were dropped as a resume's).
        runs, parts = [], list(zip(trials[1::2], trials[2::2]))
        for k, (number, part) in enumerate(parts):
            ended = _TUNER_TRIAL_END.search(part)
            # The last line left out as written while training only where the log ends inside this trial.
            for run in _runs_of(path, part[:ended.start()] if ended else part,
                                cut and not ended and k == len(parts) - 1):
                run.name = f"{run.name} trial {number}"
                runs.append(run)
        return runs
    return _runs_of(path, text, cut)


def _runs_of(path: Path, text: str, cut: bool) -> list[Run]:
    """The run of a text log's text, its layouts already unwrapped (``read``); ``cut``: its last line,
    written while training, was left out."""
    text = _plain_numbers(text)
    if text.count("\r") > 1 and "\n" not in text.rstrip("\n"):
        # Lines ended by CR alone (classic Mac OS, some Windows tools): in a file with line feeds a
        # CR is a progress bar's redraw, whose last segment is what the terminal showed.
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, ranks = _one_rank(text)
    text, cuts, callback = _lr_cuts(text)
    best_rounds = 0
    if "est iteration" in text:
        text, best_rounds = _BEST_ROUND.subn(r"\1", text)
    with _io.gc_paused():
        try:
            run = _to_run(path, *_parse(text))
        except CurvedocError:
            if _KERAS_PARTIAL not in text:
                raise
            run = None
        if _KERAS_PARTIAL in text and (run is None or not any(run.role(c) == "metric" for c in run.frame.columns)):
            # Only Keras's mid-epoch lines hold values (a capture cut before each epoch's own line):
            # their running averages are all there is, read as logged and said.
            run = _to_run(path, *_parse(text, partial=True))
            run.warnings.append("only Keras's mid-epoch progress lines (with ETA) hold values: their running "
                                "averages read")
        if cuts:
            _add_lr_of_cuts(run, cuts, callback)
        if "Restoring model weights" in text:
            run.warnings += _restored_note(run, text)
        if best_rounds:
            run.warnings.append(f"the best round printed again after early stopping skipped"
                                f"{f' ({best_rounds} times)' if best_rounds > 1 else ''}")
        if cut:
            run.warnings.append(UNENDED_LAST_LINE)
        if ranks:
            run.warnings.append(f"lines of {len(ranks)} processes interleaved (ranks {', '.join(ranks)}): rank "
                                f"{ranks[0]}'s read, the others' left out")
        return [run]


# XGBoost's and LightGBM's early stop: the best round printed again under its own line. With rounds printed
# every so many (verbose_eval=200) the best was no round logged, and read as a step going back it dropped the
# rounds logged after it as a resume's.
_BEST_ROUND = re.compile(r"^([ \t]*(?:Stopping\. Best iteration:|Early stopping, best iteration is:|"
                         r"Did not meet early stopping\. Best iteration is:)[ \t]*\r?\n)[^\n]*", re.M | re.I)


# EarlyStopping(restore_best_weights=True) as it ends a fit: the epoch counted from 1, as the console's.
_RESTORED = re.compile(r"Restoring model weights from the end of the best epoch:?[ \t]*(\d+)")


def _restored_note(run: Run, text: str) -> list[str]:
    """Keras's weights put back to an earlier epoch's, said: the last values logged are of weights the
    fit left behind, and the model kept is the best epoch's."""
    found = _RESTORED.findall(text)
    if not found or run.step_axis != "epoch" or run.frame.empty:
        return []
    best, last = int(found[-1]), int(run.frame.index[-1])
    if best >= last:
        return []
    return [f"Keras restored the weights of epoch {best} at the end (EarlyStopping's restore_best_weights): the "
            f"model kept is that epoch's, the values logged after it are of weights the fit left behind"]


# knitr's mark before each line of a chunk's output, as R Markdown renders it ("    ## Epoch 2/50").
_KNITR = re.compile(r"^([ \t]*)## ", re.M)


def _knitr_output(text: str) -> str:
    """A render of R Markdown (keras for R, torch for R) with knitr's "## " before each output line, the
    mark taken off where most of the file's lines carry it: read as comments, a fit's 50 epochs were "no
    line holds a training record". A Markdown heading here and there is no such file."""
    lines = sum(1 for line in text.split("\n") if line.strip())
    marked = len(_KNITR.findall(text))
    return _KNITR.sub(r"\1", text) if marked >= MIN_RECORDS_FOR_CONSTANT and 2 * marked > lines else text


# ReduceLROnPlateau's verbose message, Keras's (``Epoch 00012: ReduceLROnPlateau reducing learning rate to
# 0.0012000000569969416.``) and PyTorch's (``Epoch 00012: reducing learning rate of group 0 to 1.0000e-04.``),
# printed as the epoch ends: the LR the next epoch trains at.
_LR_CUT = re.compile(r"^[ \t]*Epoch[ \t]+(\d+):[ \t]*(?:ReduceLROnPlateau[ \t]+)?reducing learning rate"
                     r"(?:[ \t]+of group[ \t]+(\d+))?[ \t]+to[ \t]+([-+]?\d*\.?\d+(?:[eE][-+]?\d+)?)\.?[ \t]*$",
                     re.M | re.I)
# Keras's LearningRateScheduler(verbose=1), as each epoch begins (``Epoch 00003: LearningRateScheduler setting
# learning rate to 0.001.``): the LR that epoch trains at.
_LR_SET = re.compile(r"^[ \t]*Epoch[ \t]+(\d+):[ \t]*LearningRateScheduler[ \t]+setting learning rate[ \t]+to[ \t]+"
                     r"([-+]?\d*\.?\d+(?:[eE][-+]?\d+)?)\.?[ \t]*$", re.M | re.I)
# Cuts by one factor to this precision (float32 LRs printed in full) tell the LR before the first.
CUT_FACTOR_RTOL = 0.01
# Two LRs this close are one, printed once from float32 and once from float64.
FLOAT32_RTOL = 1e-6


def _lr_cuts(text: str) -> tuple[str, list[tuple[int, float]], str]:
    """The text without ReduceLROnPlateau's (or LearningRateScheduler's) messages, the LRs they set as (epoch
    from which the LR trains, LR) in the order printed, of the first parameter group, and the callback's
    name. Left in, "Epoch 00012" read as an epoch's record and the decays the messages announce as plateau
    escapes with no LR in the log."""
    if "setting learning rate" in text:
        sets = [(int(m[1]), float(m[2])) for m in _LR_SET.finditer(text)]
        if sets:
            return _LR_SET.sub("", text), sets, "LearningRateScheduler"
    if "reducing learning rate" not in text:  # as both print it; a lowered copy of a long log costs its size
        return text, [], ""
    cuts = [(int(m[1]) + 1, float(m[3])) for m in _LR_CUT.finditer(text) if (m[2] or "0") == "0"]
    return (_LR_CUT.sub("", text), cuts, "ReduceLROnPlateau") if cuts else (text, [], "")


def _add_lr_of_cuts(run: Run, cuts: list[tuple[int, float]], callback: str) -> None:
    """An LR column from a callback's messages, on a log counted in epochs with no LR of its own: the LR each
    message sets from its epoch on, and before the first the LR the cuts' common factor gives back (each
    new LR that factor of the one before); with one cut, or cuts by different factors, the LR before the
    first is not known and the column starts there. Messages printed again by a second ``fit()`` counting
    from its first epoch again go with its epochs as numbered on, or with none where only the later
    values were kept."""
    if run.step_axis != "epoch" or run.columns_with_role("lr") or "lr" in run.frame.columns:
        return
    epochs = run.frame.index.to_numpy()
    lr = np.full(len(epochs), np.nan)
    cuts = _cuts_numbered_on(cuts, run.restarts)
    # A message at min_lr repeats the LR it holds, as float32 leaves it against the float64 floor
    # ("to 1.0000000474974514e-05", then "to 1e-05"): no cut, and no factor of its own.
    cuts = [c for c, prev in zip(cuts, [None] + cuts)
            if prev is None or not math.isclose(c[1], prev[1], rel_tol=FLOAT32_RTOL)]
    for at, value in cuts:
        lr[epochs >= at] = value
    values = [v for _, v in cuts]
    ratios = [b / a for a, b in zip(values, values[1:]) if a > 0]
    said = (f"the LR read from {len(cuts)} {callback} message{'s' * (len(cuts) != 1)} (the LR from the "
            f"epoch {'after each' if callback == 'ReduceLROnPlateau' else 'each names'})")
    if cuts and cuts[0][0] <= epochs[0]:
        pass  # set from the first epoch on
    elif ratios and 0 < ratios[0] < 1 and all(abs(r / ratios[0] - 1) <= CUT_FACTOR_RTOL for r in ratios):
        lr[epochs < cuts[0][0]] = values[0] / ratios[0]
        said += f"; before the first, {values[0] / ratios[0]:.3g}, as each cut is x{ratios[0]:.3g}"
    else:
        said += "; the LR before the first is not known"
    run.frame["lr"] = lr
    run.roles["lr"] = "lr"
    run.warnings.append(said)


def _cuts_numbered_on(cuts: list[tuple[int, float]], restarts: list[int]) -> list[tuple[int, float]]:
    """Messages in the order printed as (epoch, LR) on the run's epochs: each part after a return of the
    epoch count moved on as the run's steps were (``restarts``: where each part now starts), or, with the
    later part kept alone, the messages before it left out."""
    parts = [[]]
    for at, value in cuts:
        if parts[-1] and at < parts[-1][-1][0]:
            parts.append([])
        parts[-1].append((at, value))
    if len(parts) == 1:
        return sorted(cuts)
    if len(restarts) != len(parts) - 1:
        return sorted(parts[-1])
    first = parts[0][0][0]
    return sorted(parts[0] + [(at - first + start, value) for part, start in zip(parts[1:], restarts)
                              for at, value in part])


# A tqdm bar (Lightning's, Keras-less loops') whose postfix carries values:
# ``Epoch 3:  50%|#####     | 300/600 [00:05<00:05, 55.1it/s, v_num=0, train_loss=0.501]``.
_BAR = re.compile(r"^(?P<desc>[^|\r\n]{0,200}?):?\s*\d{1,3}%\|[^|\r\n]*\|\s*(?P<n>\d+)/(?P<total>\d+)\s*"
                  r"\[[^\]\r\n,]*(?:,[^\]\r\n=,]*(?=,|\]))*(?P<post>(?:,\s*[^\]\r\n,=]+=[^\]\r\n,]*)+)\]")


MAX_BAR_CHARS = 500


_SB3_ROW = re.compile(r"\|(\s*)([^|\s]+)\s*\|\s*([^|\s]*)\s*\|")


# A table's rule under its header: groups of dashes, one per column (spaCy's ``spacy train`` table).
_RULE = re.compile(r"^[ \t]*-{2,}(?:[ \t]+-{2,})+[ \t]*$", re.M)
# spaCy's own names for its epoch and its step.
_RULED_AXES = {"E": "epoch", "#": "step"}


def _ruled_tables(text: str) -> str:
    """A table whose header sits over a rule of dashes, as spaCy prints its training (``E  #  LOSS TOK2VEC
    LOSS NER  ENTS_F ...``): each column named by the header's text over its dashes (a name may hold a
    space), each row of as many numbers as a record ``epoch 0 step 200 LOSS_TOK2VEC: 16.25 ...``. Split
    at its spaces the header named no column, and the file was refused."""
    lines = text.split("\n")
    for rule in reversed([m for m in _RULE.finditer(text)]):
        at = text.count("\n", 0, rule.start())
        if at == 0 or not lines[at - 1].strip():
            continue
        header = lines[at - 1]
        spans = [m.span() for m in re.finditer(r"-+", lines[at])]
        starts = [a for a, _ in spans] + [max(len(header), spans[-1][1])]
        names = [header[starts[i]:starts[i + 1]].strip() for i in range(len(spans))]
        if not all(names) or len(set(names)) < len(names):
            continue
        keys = [_RULED_AXES.get(n, n.replace(" ", "_")) for n in names]
        rows = []
        for line in lines[at + 1:]:
            cells = line.split()
            if len(cells) != len(keys) or not all(text_number(c) is not None for c in cells):
                break
            rows.append(" ".join(f"{k}: {c}" for k, c in zip(keys, cells)))
        if rows:
            lines[at - 1:at + 1 + len(rows)] = rows
    return "\n".join(lines)



def _sb3_tables(text: str) -> str:
    """Stable-Baselines3's console tables (``verbose=1``), one record a table: each ``|    ep_rew_mean | 22 |``
    row as ``rollout/ep_rew_mean 22`` under the group row above it, the table's rows on one line, stepped
    by ``time/total_timesteps``. Row by row no line held a record (or one name more than once)."""
    out, pairs, group = [], [], ""
    for line in text.split("\n"):
        stripped = line.strip()
        row = _SB3_ROW.fullmatch(stripped)
        if row is None:
            if not stripped.startswith("---"):
                out.append(line)
            elif pairs:  # a table's closing rule
                out.append(" ".join(pairs))
                pairs, group = [], ""
            continue
        indent, name, value = row.groups()
        if not value:
            group = name if name.endswith("/") else name + "/"
        else:
            pairs.append(f"{group if indent else ''}{name} {value}")
    if pairs:
        out.append(" ".join(pairs))
    return "\n".join(out)


def _bar_redraws(text: str) -> str:
    """Every redraw of a progress bar that shows values, as a line of its own: ``Epoch 3 step
    300/600 train_loss=0.501``. A terminal keeps the last redraw only; a captured log holds them
    all (each ended by a carriage return, or by a line end once pasted), and the last of an epoch
    alone made the run one point per epoch."""
    out = []
    shown: dict[str, str] = {}
    for line in text.split("\n"):
        segments = line.split("\r")
        # A bar is a line's width; longer segments are not tried (the pattern backtracks on them).
        bars = [_BAR.match(seg.strip()) if len(seg) <= MAX_BAR_CHARS else None for seg in segments]
        # One bar a line is a redraw too: a console pasted into an issue or saved from a notebook puts each
        # on a line of its own (one point per epoch was read, the last redraw's).
        if not any(b is not None for b in bars):
            if any(seg.lstrip().startswith("Validation") for seg in segments):
                shown = _without_held_out(shown)
            out.append(line)
            continue
        rest = [seg for seg, b in zip(segments, bars) if b is None and seg.strip()]
        for seg, b in zip(segments, bars):
            if b is None and seg.lstrip().startswith("Validation"):
                # A validation pass ran: the held-out values the next bar shows are new, even when equal to
                # the last ones (val_acc 0.967 two epochs running; read as a redraw, the second was dropped).
                shown = _without_held_out(shown)
            # A bar drawn at 0 has done no step: Lightning resets the epoch's bar ("Epoch 3: 0/44")
            # before it counts the next one, and that step going back within the epoch read every
            # epoch as a resume.
            if b is None or int(b["n"]) == 0:
                continue
            # A value the bar shows again unchanged was logged once: an epoch's val_loss redrawn at every
            # step of the next epoch made a staircase of 44-step flats, each step a "plateau escape".
            pairs = [(p.split("=", 1)[0].strip(), p.strip()) for p in b["post"].split(",") if p.strip()]
            new = [p for key, p in pairs if shown.get(key) != p]
            shown.update(pairs)
            out.append(f"{b['desc'].strip()} step {b['n']}/{b['total']} {' '.join(new)}")
        out += rest
    return "\n".join(out)


def _without_held_out(shown: dict[str, str]) -> dict[str, str]:
    return {key: p for key, p in shown.items() if not key.lower().startswith(("val", "test"))}


# torchrun's per-process prefix (`--tee`, `--log-dir`): ``[rank1]:`` or ``[default1]:`` starting a line.
_RANK = re.compile(r"^\[(?:rank|default)(\d+)\]:", re.M)


def _one_rank(text: str) -> tuple[str, list[str]]:
    """The lines of the lowest rank (and those with no rank prefix), and the ranks, when the lines of
    several processes are interleaved: each logs the same steps, and every value but the last
    logged at a step would be replaced without a word (which one wins hangs on line order)."""
    ranks = sorted({int(r) for r in _RANK.findall(text)})
    if len(ranks) < 2:
        return text, []
    lines = [line for line in text.split("\n") if not (m := _RANK.match(line)) or int(m.group(1)) == ranks[0]]
    return "\n".join(lines), [str(r) for r in ranks]


# PyTorch's repr of a scalar tensor printed as is: ``loss tensor(0.5123, device='cuda:0', grad_fn=<...>)``.
_TENSOR = re.compile(rf"tensor\(\s*({_NUMBER})\s*(?:,[^()\n]*)?\)")
# MMDetection/MMEngine's position in training: ``Epoch [3][50/100]``, ``Epoch(train) [3][ 50/100]``
# (epochs and iterations from 1); torchvision's reference scripts' ``Epoch: [0]  [ 50/100]`` (from 0); the
# epoch with its total, ``Train - Epoch: [127/300][ 35/464]``.
_MM_EPOCH = re.compile(r"Epoch(?:\(\w+\))?(:?)\s*\[(\d+)(?:\s*/\s*\d+)?\]\s*\[\s*(\d+)\s*/\s*(\d+)\]")
# fairseq's legacy progress line, ``| epoch 010:   2000 / 8223 loss=1.27``: the update within the epoch.
# OpenNMT-py's older console, ``Epoch  1, 12850/37527; acc:   3.99; ppl: ...``: the batch of the epoch, no key.
# MXNet's Module.fit: "Epoch[3] Batch [200]\tSpeed: ..", "Epoch[3] Train-accuracy=0.97", "Epoch[3] Time cost=1.43".
_MX_EPOCH = re.compile(r"\bEpoch\[(\d+)\]")
# PyTorch-Ignite's examples: "Epoch[2] Iteration[120/469] Loss: 0.41", the iteration within the epoch (both from
# 1), and after each epoch "Training Results - Epoch: 2  Avg accuracy: 0.91 Avg loss: 0.30" and "Validation
# Results - ...", the sets' evaluations at the step the epoch ended (read bare, the validation values replaced the
# training set's, and all fell on the epoch's number as a step).
_IGNITE_POSITION = re.compile(r"\bEpoch\[(\d+)\]\s*Iteration\[\s*(\d+)\s*/\s*(\d+)\s*\]")
_IGNITE_RESULTS = re.compile(r"^[ \t]*(Training|Validation|Test) Results - Epoch: \d+\s+", re.M)
_RESULTS_SECTION = {"Training": "train", "Validation": "validation", "Test": "test"}
# ... its per-batch line, "Epoch[3] Batch [200]": the batch within the epoch, a step that starts again each
# epoch (read as the epoch alone, its nine lines an epoch fell on one point, "logged again").
_MX_BATCH = re.compile(r"\bEpoch\[(\d+)\]\s*Batch\s*\[\s*(\d+)\s*\]")
_ONMT_POSITION = re.compile(r"^(\s*)Epoch\s+(\d+),\s*(\d+)\s*/\s*(\d+);", re.M)
_FAIRSEQ_POSITION = re.compile(r"^(\|\s*epoch\s+\d+)(?::|\s*\|)?\s+(\d+)\s*/\s*(\d+)(?=\s)", re.M)
# ... and after 2018 the line holds the updates made since the run began: the step, "num_updates=22897" where the
# position says 1000 (read as the position, steps ran to 1.9 million where they reach 79,000).
_NUM_UPDATES = re.compile(r"[^\n]*\bnum_updates\b")
# Its epoch's summary, "| epoch 009 | loss 6.233 | ... | num_updates 24633", the average over the epoch: the
# training set's, as the "| train |" section of later versions (read bare, it joined the interval's loss).
_FAIRSEQ_EPOCH_SUMMARY = re.compile(r"^(\|\s*epoch\s+\d+\s*\|)(?=[ \t]*[^\W\d]\w*(?:[ \t][^\W\d]\w*)?[ \t]+[-+.\d])",
                                    re.M)
# The validation's progress, "| epoch 005 | valid on 'valid' subset  1000 / 1311 loss=2.72": a part of the set,
# its average so far; the set's whole follows ("| valid loss 3.13"). Read, it joined the training loss.
_FAIRSEQ_VALID_PROGRESS = re.compile(r"^\|\s*epoch\s+\d+\s*\|\s*valid on '[^'\n]*' subset\s+\d+\s*/\s*\d+[^\n]*\n?",
                                     re.M)
# timm's train.py: ``Train: 3 [ 100/390 ( 26%)]``, the epoch and the update within it (both from 0).
_TIMM_TRAIN = re.compile(r"\bTrain:\s*(\d+)\s*\[\s*(\d+)\s*/\s*(\d+)\s*\(\s*\d+%\)\]")
# ``Epoch 2/4 Batch 5/100``: a batch index within the epoch, read as a step that starts again each epoch.
# PyTorch's own examples (mnist, imagenet's older script): ``Train Epoch: 3 [12800/60000 (21%)]\tLoss: 0.21``, the
# position in examples seen this epoch, epochs from 1.
_EXAMPLE_POSITION = re.compile(r"\bTrain Epoch:\s*(\d+)\s*\[\s*(\d+)\s*/\s*(\d+)\s*\(\s*\d+%\)\]")
_BATCH_OF = re.compile(r"\b[Bb]atch\s*[:=]?\s*\[?\s*(\d+)\s*/\s*(\d+)\]?")
# ESPnet2's trainer: "[gpu01:0/2] 2020-07-19 08:03:04,080 (trainer:464) INFO: 3epoch:train:683-1364batch: loss=37.5,
# ..." per log interval, then "3epoch results: [train] loss=..., [valid] loss=..., [att_plot] time=..." closing the
# epoch. Read as they were, the records had no step (numbered by line), the logger's source line was a metric
# "trainer", and the valid values a second block "loss_2".
_ESPNET_PREFIX = re.compile(r"^\[[\w.\-]+:\d+/\d+\][ \t]+|\(\w+:\d+\)[ \t]+(?:INFO|WARNING|DEBUG|ERROR):[ \t]*", re.M)
_ESPNET_BATCHES = re.compile(r"\b(\d+)epoch:(train|valid):(\d+)-(\d+)batch:")
_ESPNET_RESULTS = re.compile(r"\b(\d+)epoch results: \[(\w+)\][ \t]*")
_ESPNET_SET = re.compile(r",[ \t]*\[(train|valid)\][ \t]*")
_ESPNET_PLOT = re.compile(r",[ \t]*\[att_plot\][^\n]*")
_ESPNET_STARTED = re.compile(r"^[^\n]*\d+/\d+epoch started\.[^\n]*$", re.M)
# A duration written out ("time=1 hour, 2 minutes and 1.19 seconds"): no metric.
_ESPNET_TIME = re.compile(r"\btime=[^=\n]*?(?=,[ \t]*[\w\[]+[=\]]|$)", re.M)
# llm.c's main.log (and the GPT-2 speedruns' after it): "s:120 trl:3.2841" and "s:250 tel:3.3101", the step and
# the training or validation loss under names of three letters (read as such, "s" was a metric on the row number).
_LLMC_RECORD = re.compile(r"^s:(\d+)[ \t]+(trl|tel)(?=:)", re.M)
_LLMC_NAMES = {"trl": "train_loss", "tel": "val_loss"}
# LitGPT's fine-tuning line, "Epoch 1 | iter 600 step 150 | loss train: 1.062, val: 1.057 | iter time: 107.37 ms":
# the training loss, and the last validation's again on every line until the next (its own line, "iter 400: val
# loss 1.552", logs it once). Read as they were, "train" and "val" were metrics, val 1,200 points of 4.
_LITGPT_LOSSES = re.compile(rf"\bloss train: ({_NUMBER}), val: (?:n/a|{_NUMBER})")
# PaddleClas: "[Train][Epoch 3/120][Iter: 50/304]lr(PiecewiseDecay): 0.01, top1: 0.08, loss: 1.55, ..." per log
# interval, "[Train][Epoch 3/120][Avg]top1: ..., loss: ..." closing the epoch, the evaluation's progress "[Eval]
# [Epoch 3][Iter: 20/50]..." and its "[Eval][Epoch 3][Avg]..." summary. Read as written, the evaluation's lines
# restarted the steps (eleven "resumes") and joined the training series, and the LR was not read.
_PADDLE_TRAIN = re.compile(r"\[Train\]\[Epoch (\d+)/\d+\]\[Iter: *(\d+)/(\d+)\]")
_PADDLE_EVAL_PROGRESS = re.compile(r"^[^\n]*\[Eval\]\[Epoch \d+\]\[Iter: *\d+/\d+\][^\n]*$", re.M)
_PADDLE_AVG = re.compile(r"\[(Train|Eval)\]\[Epoch \d+(?:/\d+)?\]\[Avg\]")
_PADDLE_LR = re.compile(r"\blr\(\w+\):")
_PADDLE_BEST = re.compile(r"\[best metric: *[-+.\deE]+\]")  # the best so far, no curve
# AllenNLP's table after each epoch, under "Epoch 4/29": a header "Training |  Validation", then "loss |  0.190  |
# 0.293" a metric a line (behind the logger's "... - INFO - allennlp.training.trainer - "). Read as pairs, the
# validation column replaced the training one under one name; its progress bars ("loss: 1.69 ||: 100%|###|
# 200/200") repeat the table's values, the training bar's and then the validation bar's, and its "Peak CPU memory
# usage MB: 757.6" became a metric "MB".
_TRAIN_VAL_HEADER = re.compile(r"^[^\n|]*?Training \|\s+Validation[ \t]*$")
_TRAIN_VAL_ROW = re.compile(r"^(?:[^\n|]* - )?[ \t]*([^\W\d][\w./\-@]*)[ \t]*\|[ \t]*([^\s|]+)[ \t]*\|"
                            r"[ \t]*([^\s|]+)[ \t]*$")
_ALLENNLP_BAR = re.compile(r"^[^\n]*\|\|: *\d+%\|[^\n]*$|^[^\n]*memory usage MB: [^\n]*$", re.M)
# MindSpore's LossMonitor, "epoch: 1 step: 125, loss is 2.4921067": a name, "is", its value ("is" is prose
# elsewhere: the loss was not read); its "per step time: 5.475 ms" a timer.
_IS_VALUE = re.compile(r"(?<=, )([^\W\d]\w*) is (?=[-+]?[\d.])")
# KerasTuner's search: "Search: Running Trial #3", the trial's hyperparameters, its fit's epochs, then "Trial 3
# Complete [00h 00m 33s]" over the trial's objective and the best so far.
_TUNER_TRIAL = re.compile(r"^[ \t]*Search: Running Trial #(\d+)[ \t]*$", re.M)
_TUNER_TRIAL_END = re.compile(r"^[ \t]*Trial \d+ Complete\b", re.M)
# Optuna's line per trial of a study: "Trial 5 finished with value: 0.45 and parameters: {'lr': 0.046, ...}".
# Read, the sampled parameters were series (an "lr" decaying and rising from trial to trial) and the objective
# was lost.
_OPTUNA_TRIAL = re.compile(r"\bTrial \d+ finished with values?: ")
# fairseq's line as it saves a checkpoint, "Saved checkpoint checkpoint13.pt (epoch 13 @ 13000 updates, score
# 6.541) (writing took 2.1 seconds)": the score is the validation's loss logged already, read as a score that
# "dropped" as it improved.
_SAVED_CHECKPOINT = re.compile(r"^[^\n]*\bSaved checkpoint [^\n]*\(epoch \d+ @ \d+ updates, score [^\n]*$", re.M)
# CLU's LoggingWriter (JAX/Flax, T5X) behind absl's prefix: "I0301 10:06:40.1 140012 logging_writer.py:48] [6100]
# train/loss=3.81, train/learning_rate=0.0001": the step in brackets (left out, the records were numbered by line).
_BRACKET_STEP = re.compile(r"(?<=\] )\[(\d+)\] (?=[^\W\d][\w./\-@]*=)")
# LightGBM's ``training's l2: 1.97\tvalid_1's l2: 2.96``: the data set's name belongs to the key.
_OWNED_KEY = re.compile(r"\b(\w+)'s ([A-Za-z][\w@.\-]*)(?=\s*:)")
# The boosting round that opens an XGBoost or LightGBM line, ``[10]\ttrain-rmse:17.1``, or an
# iteration of n, ``[  10/400] loss=1.75``; indented too, as a notebook's output pasted in a README.
_ROUND = re.compile(r"^[ \t]*\[\s*(\d+)(?:\s*/\s*(\d+))?\]\s", re.M)
# The print of PyTorch's "Training a classifier" tutorial, copied into many loops:
# ``[2,  4000] loss: 1.873``, the epoch and the batch within it (both from 1).
_EPOCH_BATCH = re.compile(r"^\[\s*(\d+),\s*(\d+)\]\s", re.M)
# A time left or spent written as a clock (``eta: 0:10:00``, ``eta: 1 day, 2:03:04``): no metric.
_CLOCK_KEYS = ("eta", "ETA", "elapsed", "remaining")
_CLOCK = re.compile(rf"\b({'|'.join(_CLOCK_KEYS)})\s*[:=]?\s*(\d+\s*days?,\s*)?\d+:\d\d:\d\d(\.\d+)?,?")
# loguru's default line names where it was logged from, ``| INFO | train:fit:142 - loss 0.5``:
# the source line is no metric of the function's name.
_LOGURU_PLACE = re.compile(r"\|\s*[\w.<>\-]+(?::[\w<>]+)?:\d+ - ")  # YOLOX's "yolox.core.trainer:254 - " too
# Megatron pads the position's numbers, `` iteration        3/    1000 |``: read as none, every record was at one step.
# The slash first, the digit before it looked back at: a pattern opening with its literal is searched for it,
# not tried at every character (0.5 s on a 30 MB log, 0.1 s so).
_SPACED_TOTAL = re.compile(r"/(?<=\d/)[ \t]+(?=\d+(?:$|[\s,|;\]]))", re.M)
# xgb.cv's folds, ``test-logloss:0.529975+0.002922``: the mean, and the spread across folds after it.
_PLUS_SPREAD = re.compile(r"\+(?<=\d\+)(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?(?=$|[\s,|;])", re.M)  # "+" first, as above
# A quoted name over a quoted number, PaddleDetection's ``'loss': '1.263390'``: read as none, nothing was read.
# Single quotes only: a JSON object's line is read whole (``_dict_in``), its strings of numbers with it.
_QUOTED_PAIR = re.compile(rf"'([^\W\d][\w./\-@]*)'\s*:\s*'({_NUMBER})'")
# A name in brackets before its value, ``| [Loss] 0.52 | [step] 89 |`` (a trainer's loguru lines): read
# as none, the line held no record and a loss gone to nan was not seen.
_BRACKETED_KEY = re.compile(rf"\[([^\W\d][\w./\-@]*)\][ \t]*(?=(?:{_NUMBER})(?:$|[\s,|;]))", re.M)


# Caffe's evaluation: "Iteration 1000, Testing net (#0)", then a line per output of the test net,
# "Test net output #1: loss = 5.53 (* 1 = 5.53 loss)". Read one by one, the outputs had no step and the
# loss joined the training loss logged at the same iteration.
_CAFFE_TESTING = re.compile(r"\bIteration (\d+), Testing net \(#(\d+)\)")
_CAFFE_OUTPUT = re.compile(rf"\b(Test|Train) net output #\d+: ([^\W\d][\w./\-@]*) = ({_NUMBER})")
# TensorFlow's Estimator after each evaluation: "Saving dict for global step 6000: accuracy = 0.75,
# global_step = 6000, loss = 0.36", the held-out values (read bare, its loss joined the training loss).
_ESTIMATOR_EVAL = re.compile(r"\bSaving dict for global step (\d+):")
# Darknet's (YOLO's) line per iteration, the loss, its running average and the LR before their names:
# "  21: 1707.391724, 3552.312744 avg loss, 0.000000 rate, 5.263111 seconds, 672 images, 1669.79 hours left".
_DARKNET = re.compile(rf"^[ \t]*(\d+):[ \t]*({_NUMBER}),[ \t]*({_NUMBER})[ \t]+avg(?: loss)?,[ \t]*({_NUMBER})[ \t]+"
                      rf"rate,[ \t]*({_NUMBER})[ \t]+seconds,[^\n]*", re.M)
# ... and the seconds its loader took before each batch, printed between them: no curve.
_DARKNET_LOADED = re.compile(r"^[ \t]*Loaded:[ \t]*\S+[ \t]+seconds\b[^\n]*", re.M)
# A count opening each line, rising from line to line (CatBoost's "34:  learn: 0.9508  test: 0.8235 ..."): the
# iteration. A launcher's rank label ("0: ", "1: ", as srun --label writes) goes back and forth.
# llama2.c's "490 | loss 5.7543 | lr 4.9e-05 | 8060.78ms" opens with its count before a bar.
_LEAD_COUNT = re.compile(r"^[ \t]*(\d+)(?::|[ \t]+\|)(?=[ \t])", re.M)
# Share of consecutive lines whose opening count rises, for it to be read as the iteration.
LEAD_COUNT_RISING = 0.9


def _plain_numbers(text: str) -> str:
    """Lines rewritten where a logger wraps its numbers: a tensor's repr around its value; MMDetection's
    ``Epoch [e][i/n]`` as the step it counts, (e - 1) n + i, and the epoch (torchvision's alike); a
    batch index of n as a step; a data set's name into its key; a boosting round as the iteration;
    clock-like times and loguru's source places left out; the tutorial's ``[epoch, batch]`` as both;
    frameworks' own layouts (fairseq, Caffe, TF's Estimator, MXNet, Ignite, ESPnet2, PaddleClas, LitGPT,
    llm.c, MindSpore, CLU) as records of steps and named sets."""
    if "tensor(" in text:
        text = _TENSOR.sub(r"\1", text)
    if "Epoch" in text and "[" in text:
        text = _MM_EPOCH.sub(_epoch_position, text)
        if "Epoch[" in text:
            if "Iteration[" in text:
                text = _IGNITE_POSITION.sub(lambda m: _epoch_from_one(m) + " ", text)
            # Not where the log counts its updates itself (Sockeye's "Checkpoint [3]\tUpdates=3000"): two
            # axes at once, the checkpoints' records read as going back.
            if "Batch" in text and "Updates=" not in text:
                text = _MX_BATCH.sub(r"Epoch \1 step \2 ", text)
            text = _MX_EPOCH.sub(r"Epoch \1 ", text)
    if "Epoch" in text and "/" in text and ";" in text:
        text = _ONMT_POSITION.sub(lambda m: m[1] + _epoch_position(("", "", m[2], m[3], m[4])) + ";", text)
    if "Train:" in text and "%)]" in text:
        # A line per log interval, with no step: read as none, every record was skipped.
        text = _TIMM_TRAIN.sub(lambda m: f"step {int(m[1]) * int(m[3]) + int(m[2])} "
                                         f"epoch {int(m[1]) + int(m[2]) / max(int(m[3]), 1):.6g} |", text)
    if "Train Epoch:" in text and "%)]" in text:
        # Read as the epoch alone, every line of an epoch fell on one point, "last value kept".
        text = _EXAMPLE_POSITION.sub(lambda m: _epoch_from_one(m) + " |", text)
    if "Average Precision" in text and "maxDets" in text:
        text = _coco_summaries(text)
    if " Results - Epoch: " in text:
        text = _IGNITE_RESULTS.sub(lambda m: f"| {_RESULTS_SECTION[m[1]]} | ", text)
    if "Test net output #" in text:
        text = _caffe_tests(text)
    if "Saving dict for global step" in text:
        text = _ESTIMATOR_EVAL.sub(r"| eval | global_step \1 |", text)
    if "Test:" in text or "* Acc@1" in text:
        # torchvision's (and timm's) evaluation: ``Test: [ 50/196]`` counts the evaluation's own
        # batches, and `` * Acc@1 x Acc@5 y`` closes it with the averages; both belong to the held-out
        # set, at the step training reached, not over the training values logged there.
        text = _TEST_LINE.sub("| test |", text)
        text = _TEST_SUMMARY.sub("| test | ", text)
    if "epoch:train:" in text or "epoch results: [" in text:
        text = _espnet(text)
    if "Training |  Validation" in text:
        text = _train_val_tables(text)
    if "[Train][Epoch " in text:
        text = _PADDLE_TRAIN.sub(lambda m: _epoch_from_one(m) + " ", text)
        text = _PADDLE_EVAL_PROGRESS.sub("", text)
        text = _PADDLE_AVG.sub(lambda m: f"| {m[1].lower()} | ", text)
        text = _PADDLE_BEST.sub("", _PADDLE_LR.sub("lr:", text))
    if "loss train: " in text:
        text = _LITGPT_LOSSES.sub(r"train_loss: \1", text)
    if text.startswith("s:") or "\ns:" in text:
        if len(_LLMC_RECORD.findall(text[:100_000])) >= MIN_RECORDS_FOR_CONSTANT:
            text = _LLMC_RECORD.sub(lambda m: f"step {m[1]} {_LLMC_NAMES[m[2]]}", text)
    if " is " in text and len(_IS_VALUE.findall(text[:100_000])) >= MIN_RECORDS_FOR_CONSTANT:
        text = _IS_VALUE.sub(r"\1: ", text)
    if "Saved checkpoint " in text and " updates, score " in text:
        text = _SAVED_CHECKPOINT.sub("", text)
    if "| epoch" in text:
        if "valid on '" in text:
            text = _FAIRSEQ_VALID_PROGRESS.sub("", text)
        text = _FAIRSEQ_EPOCH_SUMMARY.sub(r"\1 train |", text)
        if "/" in text:
            text = _FAIRSEQ_POSITION.sub(lambda m: f"{m[1]} |" if _NUM_UPDATES.match(text, m.end())
                                         else f"{m[1]} | batch {m[2]}/{m[3]}", text)
    if "atch" in text and "/" in text and not re.search(r"(?i)\bstep", text):
        text = _BATCH_OF.sub(r"step \1/\2", text)
    if "] [" in text and len(set(_BRACKET_STEP.findall(text[:100_000]))) >= MIN_RECORDS_FOR_CONSTANT:
        text = _BRACKET_STEP.sub(r"step \1 ", text)
    if "'s " in text:
        text = _OWNED_KEY.sub(r"\1_\2", text)
    # Below a banner too: one printed "epoch = 350 lr = 0.001" line above them had the file refused.
    if (text.startswith("[") or "\n[" in text[:100_000]) \
            and len(set(_EPOCH_BATCH.findall(text[:100_000]))) >= MIN_RECORDS_FOR_CONSTANT:
        text = _EPOCH_BATCH.sub(r"epoch \1 step \2 ", text)  # a step that starts again each epoch
    if " avg" in text and " rate," in text and _DARKNET.search(text[:100_000]):
        text = _DARKNET.sub(r"iteration \1 loss \2 avg_loss \3 lr \4 batch_time \5", text)
        text = _DARKNET_LOADED.sub("", text)
    if ":" in text:
        lead = [int(n) for n in _LEAD_COUNT.findall(text[:100_000])]
        if len(set(lead)) >= MIN_RECORDS_FOR_CONSTANT and np.mean(np.diff(lead) > 0) >= LEAD_COUNT_RISING:
            text = _LEAD_COUNT.sub(r"iteration \1", text)
    # Not only from the first line: XGBoost opens an early-stopping run with "Will train until ...".
    if "[" in text[:100_000] and len(set(_ROUND.findall(text[:100_000]))) >= MIN_RECORDS_FOR_CONSTANT:
        # Rounds that change from line to line; one that stays (a rank, ``[0]``) is no step.
        text = _ROUND.sub(lambda m: f"iteration {m[1]}{'/' + m[2] if m[2] else ''} ", text)
    if " - " in text and "|" in text:
        text = _LOGURU_PLACE.sub("| ", text)
    if "/ " in text:
        text = _SPACED_TOTAL.sub("/", text)
    if "': '" in text:
        text = _QUOTED_PAIR.sub(r"\1: \2", text)
    if "+" in text:
        text = _PLUS_SPREAD.sub("", text)
    if "] " in text and len(_BRACKETED_KEY.findall(text[:100_000])) >= MIN_RECORDS_FOR_CONSTANT:
        text = _BRACKETED_KEY.sub(r"\1 ", text)
    # Only where a key is there: the pass costs half a second on a log of 3x10^5 lines.
    if ":" in text and any(key in text for key in _CLOCK_KEYS):
        text = _CLOCK.sub("", text)
    return text


def _coco_summaries(text: str) -> str:
    """Each run of pycocotools' summary lines as one held-out record, named as detectron2 names them
    (``bbox/AP``, ``bbox/AP50``, ``bbox/APs``, ``bbox/AR100``, ``bbox/ARl``); -1, its mark for a
    statistic with nothing to measure (no small objects), is left out."""
    lines = text.split("\n")
    kind = "bbox"
    out, stats = [], []
    for line in lines:
        m = _COCO_STAT.match(line) if "maxDets" in line else None
        if m is None:
            if stats:
                out.append("| test | " + " ".join(stats))
                stats = []
            t = _COCO_TYPE.match(line) if "IoU metric" in line else None
            if t:
                kind = t[1]
            out.append("" if t else line)
            continue
        what, iou, area, dets, value = m.groups()
        if value.startswith("-"):
            continue
        if area != "all":
            name = f"{what}{area[0]}"
        elif what == "AR":
            name = f"AR{dets}"
        else:
            name = "AP" if ":" in iou else f"AP{round(float(iou) * 100)}"
        stats.append(f"{kind}/{name}: {value}")
    if stats:
        out.append("| test | " + " ".join(stats))
    return "\n".join(out)


def _espnet(text: str) -> str:
    """ESPnet2's trainer lines as records: a log interval at the last batch of its range, its epoch's
    batches numbered on across epochs; the epoch's results a record per set, at that step too."""
    text = _ESPNET_STARTED.sub("", _ESPNET_PREFIX.sub("", text))
    text = _ESPNET_BATCHES.sub(lambda m: f"epoch {m[1]} step {m[4]}" + (" | valid |" if m[2] == "valid" else ""),
                               text)
    text = _ESPNET_PLOT.sub("", text)
    text = _ESPNET_RESULTS.sub(lambda m: f"| {m[2]} | ", text)
    text = _ESPNET_SET.sub(lambda m: f"\n| {m[1]} | ", text)
    return _ESPNET_TIME.sub("", text)


def _train_val_tables(text: str) -> str:
    """Each of AllenNLP's "Training | Validation" tables as two records, the training column's values
    (``train_...``) and the validation column's (``validation_...``; N/A left out), its progress bars and memory
    lines left out."""
    def records(block):
        return [f"| {name} | " + " ".join(side) for name, side in zip(("train", "validation"), block) if side]

    out, block = [], None
    for line in _ALLENNLP_BAR.sub("", text).split("\n"):
        row = _TRAIN_VAL_ROW.match(line) if block is not None else None
        if row is not None:
            for side, value in zip(block, row.groups()[1:]):
                if text_number(value) is not None:
                    side.append(f"{row[1]} {value}")
            continue
        if block is not None:
            out += records(block)
            block = None
        if "Validation" in line and _TRAIN_VAL_HEADER.match(line):
            block = ([], [])
            continue
        out.append(line)
    return "\n".join(out + (records(block) if block is not None else []))


def _caffe_tests(text: str) -> str:
    """Each of Caffe's evaluations as one held-out record at its iteration (a second test net's outputs
    named ``net1_...``), its training net's outputs left out: the iteration's own line logs the loss."""
    out, outputs, at = [], [], None
    for line in text.split("\n"):
        m = _CAFFE_OUTPUT.search(line) if "net output #" in line else None
        if m is not None:
            if m[1] == "Test" and at is not None:
                outputs.append(f"{'' if at[1] == '0' else f'net{at[1]}_'}{m[2]} {m[3]}")
            continue
        if outputs:
            out.append(f"| test | Iteration {at[0]} " + " ".join(outputs))
            outputs = []
        t = _CAFFE_TESTING.search(line) if "Testing net" in line else None
        if t is not None:
            at = (t[1], t[2])
            continue
        out.append(line)
    if outputs:
        out.append(f"| test | Iteration {at[0]} " + " ".join(outputs))
    return "\n".join(out)


def _epoch_position(m: re.Match) -> str:
    """The step an ``Epoch [e][i/n]`` counts and its epoch, from 1 (MMDetection) or from 0 (torchvision)."""
    e, i, n = int(m[2]), int(m[3]), int(m[4])
    if n == 0:
        return m[0]  # no epoch length to count steps by (a loader of unknown length): left as written
    done = e if m[1] else e - 1  # whole epochs before this one
    step = done * n + i
    return f"step {step} epoch {(done + i / n) if m[1] else (e - 1 + i / n):.6g}"


def _epoch_from_one(m: re.Match) -> str:
    """``_epoch_position`` of a match whose groups are the epoch (from 1), the index within it and the
    epoch's length: Ignite's, PaddleClas's and PyTorch's examples' positions."""
    return _epoch_position(("", "", m[1], m[2], m[3]))


def _parse(text: str, partial: bool = False):
    """Lines to dict records and pair records; also the count of non-blank lines. Keras's
    mid-epoch lines are skipped unless ``partial``."""
    dict_records: list[list[tuple[str, float]]] = []
    pair_records: list[list[tuple[str, str, str, str]]] = []
    sections: dict[int, str] = {}
    findall = _PAIR.findall
    non_blank = 0
    for line in _records_of_lines(text.split("\n"), findall):
        if "\r" in line or "\b" in line:
            line = _last_segment(line)
        if not line or line.isspace() or (("Epoch" in line or "Restoring" in line)
                                          and _KERAS_CALLBACK.match(line.lstrip())) \
                or (line[:1] in "WEF" and _GLOG_WARNING.match(line)) \
                or (line[:1] == "2" and ": " in line[:30] and _TF_RUNTIME.match(line)):
            continue
        non_blank += 1
        if line[:1] == "I":
            info = _GLOG_INFO.match(line)
            if info:
                line = line[info.end():]
        if line.lstrip().startswith("#"):
            # A comment: of the script's own source echoed at the top of its log (modded-nanogpt's logs open
            # with it), where "# loss: 99.0 step: 5" made a series of one point and a step going back.
            continue
        if "{" in line:
            record = _dict_in(line)
            if record is not None:
                dict_records.append(record)
                continue
        if _KERAS_PARTIAL in line and not partial:
            continue
        found = findall(line)
        if found:
            section = _SECTION.search(line) if "|" in line else None
            if section:
                sections[len(pair_records)] = section.group(1)
            elif (line[:1] in _HELD_OUT_FIRST or line[:1] in " \t") and (held := _HELD_OUT_LINE.match(line)):
                sections[len(pair_records)] = held.group(1).lower()
            pair_records.append(found)
    return dict_records, pair_records, sections, non_blank


def _records_of_lines(lines: list[str], findall) -> Iterator[str]:
    """The lines, a line whose ``\r`` segments are records of their own steps split into them: a loop
    printing ``iter N: loss X`` with ``end="\r"`` (a terminal shows the last only) holds a record per
    segment, and read as one line each line of the capture kept one of them (123 of 600 records).
    A progress bar's redraws, which name no step, stay one line."""
    for line in lines:
        if "\r" not in line:
            yield line
            continue
        segments = [seg for seg in line.split("\r") if seg.strip()]
        stepped = [seg for seg in segments if any(pair[0].lower() in _AXIS_KEYS for pair in findall(seg))]
        if len(stepped) >= 2 and len(stepped) == len(segments):
            yield from segments
        else:
            yield line


def _last_segment(line: str) -> str:
    """What a terminal showed last: the final ``\\r`` segment, backspaces dropped."""
    segments = [s for s in line.replace("\b", "").split("\r") if s.strip()]
    return segments[-1] if segments else ""


# ---------------------------------------------------------------- dict records

def _dict_in(line: str) -> list[tuple[str, float]] | None:
    """The numeric items of the JSON object or Python dict in a line; None if there are none."""
    start, end = line.find("{"), line.rfind("}")
    if end <= start:
        return None
    source = line[start:end + 1]
    try:
        obj = json.loads(source)  # bare NaN / Infinity accepted
    except (ValueError, RecursionError):
        obj = _python_dict(source) if len(source) <= MAX_DICT_CHARS else None
    if type(obj) is not dict:
        return None
    if "train_runtime" in obj or "total_flos" in obj:  # HF Trainer's end-of-run summary, not a point
        obj = {k: v for k, v in obj.items() if k not in SUMMARY_KEYS}
    mode = obj.get("mode")
    if type(mode) is str and mode.lower() not in ("train", "training"):
        # MMDetection's log.json: an evaluation record ({"mode": "val", "epoch": 1, "iter": 32, ...})
        # whose iter counts the evaluation's batches, not training steps. It belongs at the step of the
        # training record before it, its values named as held out (bbox_mAP -> val_bbox_mAP); its lr
        # repeats the training one. Read by its own iter, the steps went back within every epoch and
        # the training records were dropped as a resume's.
        prefix = mode.strip().lower()
        obj = {k if str(k).lower() in EPOCH_KEYS or _held_out_name(str(k)) else f"{prefix}_{k}": v
               for k, v in obj.items() if k != "mode" and str(k).lower() not in STEP_KEYS + ("lr",)}
    items = []
    for key, value in flat_items(obj):  # {"train": {"loss": 0.5}} as W&B charts it: train.loss
        number = json_number(value)
        if number is not None:
            items.append((str(key), number))
    return items or None


def _held_out_name(key: str) -> bool:
    """Whether a name already says it is held out: its first word (``val_loss``, ``eval/acc``) one of
    KEY_PREFIXES' held-out ones."""
    first = re.split(r"[_/.]", key, maxsplit=1)
    return len(first) == 2 and first[0].lower() in HELD_OUT_PREFIXES


def _python_dict(source: str) -> dict | None:
    """A Python dict repr's number items (``nan``/``inf`` included), without evaluating code."""
    try:
        with warnings.catch_warnings():  # "invalid decimal literal" and the like, on console noise
            warnings.simplefilter("ignore")
            node = ast.parse(source, mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    if not isinstance(node, ast.Dict):
        return None
    out = {}
    for key, value in zip(node.keys, node.values):
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            number = _number_node(value)
            if number is not None:
                out[key.value] = number
    return out


# A scalar's repr under numpy 2 (HF Trainer prints ``'epoch': np.float64(0.1)``): the one number
# inside the call is the value. (A torch ``tensor(...)`` is rewritten earlier, by ``_TENSOR``.)
_SCALAR_CALLS = frozenset({"float16", "float32", "float64", "int32", "int64"})


def _number_node(node: ast.AST) -> float | None:
    if isinstance(node, ast.Call) and len(node.args) == 1 and not node.keywords:
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
        if name not in _SCALAR_CALLS:
            return None
        node = node.args[0]
    sign = 1.0
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        sign = -1.0 if isinstance(node.op, ast.USub) else 1.0
        node = node.operand
    if isinstance(node, ast.Constant) and not isinstance(node.value, str):
        number = json_number(node.value)
        return None if number is None else sign * number
    if isinstance(node, ast.Name) and node.id in ("nan", "inf"):
        return sign * float(node.id)
    return None


def _dict_triples(records: list[list[tuple[str, float]]]):
    rows = np.repeat(np.arange(len(records)), [len(r) for r in records])
    keys = [k for r in records for k, _ in r]
    vals = np.array([v for r in records for _, v in r], dtype="float64")
    return rows, keys, vals, set(), []


# ---------------------------------------------------------------- pair records

def _pair_triples(records: list[list[tuple[str, str, str, str]]], sections: dict[int, str]):
    """Flatten matched pairs: two-word keys checked, subsets prefixed, units stripped.

    A ``nan`` with a unit (``step_avg:nanms``, a timer not started yet) is dropped: a logged
    NaN means divergence. Keys measured in time units are returned apart (they are timers).
    Returns rows, keys, values, time keys and notes on values written with commas.
    """
    counts = [len(r) for r in records]
    rows = np.repeat(np.arange(len(records)), counts)
    offsets = np.concatenate([[0], np.cumsum(counts)])
    keys = [k for r in records for k, _, _, _ in r]
    texts = [v for r in records for _, v, _, _ in r]
    units = [u for r in records for _, _, _, u in r]
    keep = np.ones(len(texts), bool)
    notes: list[str] = []
    try:
        vals = np.array(texts, dtype="float64")
    except ValueError:  # commas, or NaN as a C runtime prints it
        texts, keep, notes = _read_commas(texts, rows, offsets, keys)
        vals = np.array([text_number(v) if ok else np.nan for v, ok in zip(texts, keep)], dtype="float64")
    renamed = {k: _two_word_key(k) for k in set(keys) if " " in k}
    if renamed:
        keys = [renamed.get(k, k) for k in keys]
    # A word of prose before a number is no name: XGBoost's "Will train until ... hasn't improved in 1000
    # rounds." made a metric "in" (LightGBM's "... for 200 rounds", "a mean of 8 batches", a date's "Apr 10").
    # Set aside before repeats are counted: Keras's "Train on 60000 samples, validate on 10000 samples" made
    # a series "on_2".
    prose = [i for i, k in enumerate(keys) if k.lower() in PROSE_WORDS or k.lower() in NUMBER_WORDS or k in MONTHS]
    for i in prose:
        keys[i] = f"\0{i}"
    keys, repeated = _second_blocks(rows, keys, offsets)
    if repeated:
        notes.append(f"{repeated} line{'s name' if repeated != 1 else ' names'} a key twice (a second block on "
                     "the line, as CenterNet's logger prints a validation pass after the training values): the "
                     "repeats read as their own series, named <key>_2")
    for index, section in sections.items():
        for i in range(offsets[index], offsets[index + 1]):
            if keys[i].lower() not in _AXIS_KEYS and not keys[i].startswith(section) and not _OWN_SET.match(keys[i]) \
                    and not (section in HELD_OUT_PREFIXES and _HELD_OUT_KEY.match(keys[i])):
                keys[i] = f"{section}_{keys[i]}"
    keep[prose] = False
    time_keys = {k for k, u in set(zip(keys, units)) if u in _TIME_UNITS}
    keep[[i for i in np.flatnonzero(np.isnan(vals)) if units[i]]] = False  # timers not started
    if not keep.all():
        keys = [k for k, ok in zip(keys, keep) if ok]
        rows, vals = rows[keep], vals[keep]
    return rows, keys, vals, time_keys, notes


PROSE_WORDS = frozenset({"a", "about", "after", "an", "and", "are", "around", "at", "by", "every", "for", "from", "in",
                         "into", "is", "of", "on", "or", "over", "per", "than", "the", "to", "until", "was", "were",
                         "with", "within"})
# A number's word is no name: NeMo's "Loss is NaN or inf tensor(nan, ...)" made metrics "is" and "inf".
NUMBER_WORDS = frozenset({"nan", "inf", "infinity"})
MONTHS = frozenset({"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"})


# Records looked at for a key named twice before every record is: a layout repeats on every line.
REPEAT_PROBE_RECORDS = 1000


def _second_blocks(rows: np.ndarray, keys: list[str], offsets: np.ndarray) -> tuple[list[str], int]:
    """Keys a line names again after its first block renamed ``<key>_2`` (``_3`` ...), and how many lines do:
    read as one key, the later value replaced the earlier without a word (a CenterNet log's training loss
    0.242 became the validation pass's 0.164 printed after it on the same line)."""
    probe = int(offsets[min(REPEAT_PROBE_RECORDS, len(offsets) - 1)])
    if probe == 0 or len(set(zip(rows[:probe].tolist(), keys[:probe]))) == probe:
        return keys, 0  # none in the first records: none (a log's lines share one layout)
    # How many times the line named each key before (0 for its first).
    rank = pd.DataFrame({"row": rows, "key": keys}).groupby(["row", "key"], sort=False).cumcount().to_numpy()
    again = np.flatnonzero(rank > 0)
    again = again[[keys[i].lower() not in _AXIS_KEYS for i in again]]
    if not len(again):
        return keys, 0
    keys = list(keys)
    for i in again:
        keys[i] = f"{keys[i]}_{rank[i] + 1}"
    return keys, len(np.unique(rows[again]))


# One comma between digits, as a decimal mark (``0,53``) or as one thousands group (``1,250``: either).
_DECIMAL_COMMA = re.compile(r"[-+]?\d+,\d+(?:[eE][-+]?\d+)?")
_THOUSANDS = re.compile(r"[-+]?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?")


def _read_commas(texts: list[str], rows: np.ndarray, offsets: np.ndarray, keys: list[str]):
    """Values written with commas, read as their line writes numbers.

    A line uses decimal commas when one of its comma values cannot be a thousands group
    (``0,53``, ``2,0``) and it writes no decimal point; thousands separators when all its
    comma values are thousands groups and it also writes a decimal point or several groups
    (``step 16,384 loss 0.53``, ``tokens 1,234,567``). Any other comma value is not read
    (``1,250`` alone: 1.25 or 1250?), nor its line when it is the line's step.
    Returns the texts, which values to keep, and what was done.
    """
    texts = list(texts)
    keep = np.ones(len(texts), bool)
    done: dict[str, list[str]] = {}  # what was done -> the first value it was done to, per line
    skipped: list[str] = []
    for row in np.unique(rows[[i for i, v in enumerate(texts) if "," in v]]):
        span = range(offsets[row], offsets[row + 1])
        commas = [i for i in span if "," in texts[i]]
        dotted = any("." in texts[i] for i in span if "," not in texts[i])
        grouped = [bool(_THOUSANDS.fullmatch(texts[i])) for i in commas]
        if not dotted and not all(grouped) and all(_DECIMAL_COMMA.fullmatch(texts[i]) for i in commas):
            how, old, new = "decimal commas read as decimal points", ",", "."
        elif all(grouped) and (dotted or any(texts[i].count(",") > 1 for i in commas)):
            how, old, new = "thousands separators removed", ",", ""
        else:
            keep[commas] = False
            if any(keys[i].lower() in _AXIS_KEYS for i in commas):
                keep[span] = False
            if len(span) > 1:  # a lone value is prose ("tokens per iteration will be 16,384")
                skipped += [texts[i] for i in commas]
            continue
        done.setdefault(how, []).append(texts[commas[0]])
        for i in commas:
            texts[i] = texts[i].replace(old, new)
    notes = [f"{how} on {len(seen)} line{'s' * (len(seen) != 1)} (such as {seen[0]!r})"
             for how, seen in done.items()]
    if skipped:
        notes.append(f"{len(skipped)} value{'s' * (len(skipped) != 1)} written with a comma that may be a "
                     f"decimal mark or a thousands separator skipped (such as {skipped[0]!r})")
    return texts, keep, notes


# Two-word names kept whole ("Learning Rate 7.000e-05", mlx-lm's): read as "Rate", the LR was a metric.
# Megatron's "samples per second: 1.886" read as "second" was a metric too.
TWO_WORD_NAMES = frozenset({("learning", "rate"), ("grad", "norm"), ("gradient", "norm"), ("batch", "size"),
                            ("loss", "scale"), ("per", "second"), ("time", "cost")})
# "Top-1 Acc" and "Top-5 Acc" read as "Acc" twice: the second a series "Acc_2".
_TOP_K = re.compile(r"top-?\d+$", re.I)


def _two_word_key(key: str) -> str:
    first, second = key.split(" ", 1)
    if second.lower() == "value":
        return first  # Megatron's "lm loss value: 8.89" is the loss's value
    if first.lower() == "per":
        return key  # an amount per step, never the step: nanoGPT's "tokens per iteration: 655360" was iteration 655360
    if first.lower() in KEY_PREFIXES and second.lower() not in _AXIS_KEYS and second.lower() not in PROSE_WORDS \
            or (first.lower(), second.lower()) in TWO_WORD_NAMES or _TOP_K.match(first):
        return key
    return second  # prose before a key, or the step of an evaluation line (``eval iter 250 | val_nll 2.35``)


# ---------------------------------------------------------------- to a Run

def _to_run(path: Path, dict_records, pair_records, sections, non_blank: int) -> Run:
    # A config dict printed once does not make a key-value log a dict log: the kind with more
    # records wins (pair lines with a single pair are mostly prose).
    # Nor does a dict or two above lines of a single pair each (nnU-Net prints its plans as a dict, then a line
    # per value under each "Epoch 12"): no curve is read from fewer dicts than a series needs.
    use_dicts = len(dict_records) >= sum(len(found) > 1 for found in pair_records) and bool(dict_records) \
        and (len(dict_records) >= MIN_SERIES or not pair_records)
    if use_dicts:
        rows, keys, vals, time_keys, value_notes = _dict_triples(dict_records)
        n = len(dict_records)
    else:
        rows, keys, vals, time_keys, value_notes = _pair_triples(pair_records, sections)
        n = len(pair_records)
    if not keys:
        raise CurvedocError(f"no line holds a training record ({_lines(non_blank)} matched no pattern)", path)
    sparse: list[str] = []
    table, flags = records_to_table(rows, keys, vals, n, sparse)
    total = None if use_dicts else (lambda names: _logged_total(pair_records, names))
    step, step_axis, table, flags, used, notes = _step_axis(table, flags, total)
    unmatched = non_blank - used
    warnings = [f"{_lines(unmatched)} matched no pattern"] if unmatched else []
    warnings += value_notes + notes + sparse
    stem = _io.log_stem(path.name)
    name = path.parent.name if stem.lower() in GENERIC_STEMS and path.parent.name else stem
    run = build_run(name, str(path), FORMAT, table, step, step_axis=step_axis, logged_nan=flags,
                    warnings=warnings)
    _refuse_prose(run, used, non_blank, path)
    if use_dicts:
        _demote_echoed_config(run, len(table))
    for column in time_keys:
        if run.roles.get(column) == "metric":  # measured in ms or s: a timer, not a curve
            run.roles[column] = "wall_time"
    return run


def _refuse_prose(run: Run, used: int, non_blank: int, path: Path) -> None:
    """A file of prose (a config, source code, a README) has numbers after words on a few of its lines,
    but no name comes back line after line as a logged metric does."""
    if used * 2 >= non_blank or not len(run.frame.columns):
        return
    longest = int(run.frame.notna().sum().max())
    if 0 < longest < MIN_SERIES:
        raise CurvedocError(f"not a training log: no name is logged more than {('once', 'twice')[longest - 1]} "
                            f"({used} of {_lines(non_blank)} hold{'s' * (used == 1)} a number after a name)", path)


def _step_axis(table: pd.DataFrame, flags: pd.DataFrame, total):
    """The step of every record: its own step key, else the one of the record before it.

    ``total`` gives the largest ``/total`` logged after the named keys (``Step [3/20]``);
    None for dict records. Returns (step or None, axis name, values, literal-NaN flags,
    lines used, notes).
    """
    use_dicts = total is None
    # Of keys alike but for case, the one logged most: "pada epoch 48" in a callback's own message had made
    # "epoch" the axis over Keras's "Epoch 1/150" on every epoch.
    logged = table.notna().sum()
    lowered = {c.lower(): c for c in sorted(table.columns, key=lambda c: logged[c])}
    step_cols = [lowered[k] for k in STEP_KEYS if k in lowered]
    axis = "step"
    notes = []
    if not step_cols:
        step_cols = [lowered[k] for k in EPOCH_KEYS if k in lowered]
        axis = "epoch"
    if not step_cols and (counting := _counting_key(table)):
        step_cols, axis = counting, "step"
        notes.append(f"no step key (step, iter, epoch …): {counting[0]}, whole numbers rising at every record that "
                     "holds the series logged most often, read as the step")
    if not step_cols:
        return None, "row", table, flags, len(table), [
            "no step key (step, iter, iteration, num_updates, epoch …) in any record: "
            "points numbered by record in file order"]
    step_cols = _counting_first(table, step_cols)
    own = table[step_cols].bfill(axis=1).iloc[:, 0].to_numpy()
    epoch_cols = [lowered[k] for k in EPOCH_KEYS if k in lowered]
    if axis == "step" and epoch_cols:
        own, notes = _across_epochs(own, table[epoch_cols[0]].to_numpy(), lambda: total and total(step_cols))
    values = table.drop(columns=step_cols)
    vflags = flags[values.columns]
    n_values = values.notna().to_numpy().sum(axis=1) + vflags.to_numpy().sum(axis=1)
    has_own = ~np.isnan(own)
    step = pd.Series(own).ffill().to_numpy()
    # ... except right under a line that holds only a step ("Epoch 3/50" then "- loss: 0.81").
    under_header = pd.Series(np.where(has_own, n_values == 0, np.nan)).ffill().fillna(0).to_numpy(bool)
    # A held-out value on a line of its own follows the step it was measured at (scikit-learn's MLP prints
    # "Validation score: 0.9611" under each "Iteration 12, loss = 0.1523"): no prose.
    from curvedoc.detect import known_direction

    held_out = [c for c in values.columns if " " in c and c.split(" ", 1)[0].lower() in HELD_OUT_PREFIXES
                and known_direction(c)]  # a score or a loss ("Validation DataLoader 0" is a progress bar's name)
    measured = values[held_out].notna().to_numpy().any(axis=1) if held_out else np.zeros(len(values), dtype=bool)
    lone = (n_values < MIN_PAIRS_WITHOUT_STEP) & (not use_dicts) & ~under_header & ~measured
    attach = ~has_own & ~lone & ~np.isnan(step)
    orphans = ~has_own & ~lone & np.isnan(step)
    keep = (has_own | attach) & (n_values > 0)
    if not np.allclose(step[keep], np.round(step[keep]), rtol=0, atol=1e-6):
        counted = _in_logging_intervals(step, keep, values) if axis == "epoch" else None
        if counted is not None:
            # A Trainer's printed dicts carry only the epoch, to two decimals: numbered by record, the
            # evaluations between the training logs made the points uneven (a x7.7 loss spike went unseen).
            units, width, main = counted
            # The epoch where the records it joins are: an evaluation's 1.0 beside the training log's 1.09.
            table = table.assign(**{c: table[c].where(main) for c in step_cols})
            return units[keep], "row", table[keep], flags[keep], _used_of(has_own, attach, orphans), [
                f"the epoch key holds fractional values: points numbered by logging interval (epoch / {width:.4g}), "
                "records of one interval together"]
        return None, "row", table, flags, len(table), [
            f"the {axis} key holds fractional values: points numbered by record in file order"]
    if axis == "epoch" and use_dicts and _epoch_repeats(step, keep, values):
        return None, "row", table, flags, len(table), [
            "the epoch key repeats over records of one series (a long epoch's logs before its rounded value moves "
            "on): points numbered by record in file order"]
    if orphans.any():
        notes.append(f"{int(orphans.sum())} records before the first {axis} key skipped")
    return step[keep], axis, values[keep], vflags[keep], _used_of(has_own, attach, orphans), notes


def _counting_key(table: pd.DataFrame) -> list[str]:
    """A key that counts, when no key's name says step: logged on every record of the series logged most
    often, in whole numbers rising at each (a console in another language, "训练次数: 100, Loss: 1.98",
    "training count"); [] if none. Read by record, its loss had been numbered by line."""
    counts = table.notna().sum()
    if len(counts) < 2 or counts.max() < MIN_RECORDS_FOR_CONSTANT:
        return []
    for col in table.columns:
        v = table[col].to_numpy(dtype=float)
        mine = v[np.isfinite(v)]
        if len(mine) < MIN_RECORDS_FOR_CONSTANT or not counts_up(mine):
            continue
        main = table[counts.drop(col).idxmax()].notna().to_numpy()
        if np.all(np.isfinite(v[main])) and len(mine) == main.sum():
            return [col]
    return []


def _counting_first(table: pd.DataFrame, step_cols: list[str]) -> list[str]:
    """The step keys, one that rises at every record first when the first repeats where it is logged:
    LitGPT prints ``iter 1152 step 144: loss 11.46``, the optimizer's step held over the micro-batches
    of one update. Read on ``step``, eight records made one point, the last kept, and a jump x6.7 at
    iter 1152 was gone."""
    if len(step_cols) < 2:
        return step_cols
    first = table[step_cols[0]].dropna().to_numpy()
    if len(first) < 3 or not np.any(np.diff(first) == 0):
        return step_cols
    for col in step_cols[1:]:
        both = table[[step_cols[0], col]].dropna()
        if len(both) == len(first) and np.all(np.diff(both[col].to_numpy()) > 0):
            return [col] + [c for c in step_cols if c != col]
    return step_cols


def _epoch_repeats(epoch: np.ndarray, keep: np.ndarray, values: pd.DataFrame) -> bool:
    """Whether the series logged most often is logged several times at one epoch while the epoch never goes
    back: a Trainer's printed dicts early in a long epoch all say ``'epoch': 0.0``, and read as one epoch
    they were one point, the loss falling 2.5 -> 1.55 over them "constant, echoed configuration". (An
    epoch that goes back is a run resumed; train and held-out lines of one epoch are other series. Text
    lines are left alone: Keras's progress bar split by a callback's message repeats its epoch's values.)"""
    main = _main_series(keep, values)
    if main is None:
        return False
    e = epoch[main]
    d = np.diff(e)
    return len(e) >= MIN_RECORDS_FOR_CONSTANT and bool(np.all(d >= 0)) and bool(np.any(d == 0))


def _main_series(keep: np.ndarray, values: pd.DataFrame) -> np.ndarray | None:
    """The kept records holding the series logged most often (the training log's, not an evaluation's);
    None when there is no series."""
    counts = values[keep].notna().sum()
    if not len(counts):
        return None
    return keep & values[counts.idxmax()].notna().to_numpy()


def _used_of(has_own: np.ndarray, attach: np.ndarray, orphans: np.ndarray) -> int:
    """The records read, or set aside as before the first step."""
    return int((has_own | attach | orphans).sum())


# A console log whose epochs go back more often than this is no run relaunched from its checkpoints.
MAX_RELAUNCHES = 5


def _in_logging_intervals(epoch: np.ndarray, keep: np.ndarray,
                          values: pd.DataFrame) -> tuple[np.ndarray, float, np.ndarray] | None:
    """Fractional epochs as a count of logging intervals (epoch / the mean step between the records of
    the series logged most often, each in turn), that step, and those records; None unless nearly all
    of that series' epochs lie near a whole count, and no series is logged twice in one interval. The
    other records join the training log they follow within a quarter interval, else the next one (an
    evaluation at epoch 1.0 the training log at 1.09)."""
    main = _main_series(keep, values)
    if main is None:
        return None
    e = epoch[main]
    d = np.diff(e)
    # A console captured across a relaunch from a checkpoint (``tee -a``) goes back once per launch:
    # each launch rises, and the counts going back are read as any log's resume (the later kept).
    launches = np.flatnonzero(d < 0) + 1
    if len(e) < 6 or np.any(d == 0) or len(launches) > MAX_RELAUNCHES:
        return None
    bounds = np.concatenate([[0], launches, [len(e)]])
    # Over each launch's whole span: each epoch is rounded to 0.01.
    width = float(sum(e[b - 1] - e[a] for a, b in zip(bounds, bounds[1:]))) / (len(e) - len(bounds) + 1)
    if not width > 0:
        return None
    q = epoch / width
    if np.mean(np.abs(q - np.round(q))[main] < 0.25) < 0.9:
        return None
    units = np.where(main, np.round(q), np.ceil(q - 0.25))
    # Where each launch starts, among all the records.
    at = np.concatenate([[0], np.flatnonzero(main)[launches], [len(units)]])
    for column in values.columns:
        logged = keep & values[column].notna().to_numpy()
        for a, b in zip(at, at[1:]):
            if len(np.unique(units[a:b][logged[a:b]])) < int(logged[a:b].sum()):
                return None
    return units, width, main


def _across_epochs(step: np.ndarray, epoch: np.ndarray, total) -> tuple[np.ndarray, list[str]]:
    """Steps that start again every epoch (``Epoch [2/10], Step [1/20]``) numbered across epochs.

    Applies when the step goes back only where the whole-numbered epoch goes up; an epoch is
    ``total()`` steps long (the ``/20`` logged with the step), else as long as the longest one
    logged. Returns the steps, unchanged otherwise, and a note saying how they were numbered.
    """
    has = ~np.isnan(step)
    s = step[has]
    e = pd.Series(epoch).ffill().to_numpy()[has]
    back = np.diff(s) < 0
    if not back.any() or not (np.isfinite(s).all() and np.isfinite(e).all() and np.array_equal(e, np.round(e))):
        return step, []
    rise = np.diff(e)
    if (rise < 0).any() or not (rise[back] > 0).all():
        return step, []  # a resumed run, or steps going back within an epoch
    length = max(total() or 0, int(s.max()) + int(s.min() == 0))
    first = int(e.min())
    out = step.copy()
    out[has] = (e - first) * length + s
    return out, [f"the step starts again every epoch: steps numbered across epochs as "
                 f"(epoch - {first}) x {length} + step"]


def _logged_total(records, names: list[str]) -> int | None:
    """The largest ``/total`` logged after one of ``names`` (``Step [3/20]``), None if there is none."""
    names = set(names)
    totals = [int(t) for r in records for k, _, t, _ in r if t and k in names]
    return max(totals) if totals else None


def _demote_echoed_config(run: Run, n_records: int) -> None:
    """Values repeated unchanged in every dict record (``json_stats`` echoes the whole config) are
    configuration, not curves: role ``other``. A constant LR stays an LR unless another one varies."""
    if n_records < MIN_RECORDS_FOR_CONSTANT:
        return
    frame = run.frame
    constant = ((frame.nunique(dropna=True) <= 1) & frame.notna().all()).to_dict()
    varying_lr = any(run.role(c) == "lr" and not constant[c] for c in frame.columns)
    demoted = [c for c in frame.columns
               if constant[c] and run.role(c) != "other" and (run.role(c) != "lr" or varying_lr)]
    for column in demoted:
        run.roles[column] = "other"
    if demoted:
        run.warnings.append("constant in every record, taken for echoed configuration (role other): "
                            + ", ".join(demoted))


def _lines(n: int) -> str:
    return f"{n} line{'s' * (n != 1)}"
