"""Readers: one module per log format, each ``read(path) -> list[Run]``, chosen by ``sniff``."""

from __future__ import annotations

import codecs
import importlib
import json
import re
from pathlib import Path

from curvedoc.errors import CurvedocError
from curvedoc.readers._io import (LFS_POINTER, NPY_MAGIC, PARQUET_MAGIC, PICKLE_HEADS, SQLITE_MAGIC, ZIP_MAGIC,
                                  check_not_utf16, check_readable_file, head_bytes, holds_arrays_only,
                                  is_file_or_special, is_gzip, lenient_text, not_unpickled, take_damage_notes,
                                  utf16_text, walk, without_nul_lines, zip_contents)
from curvedoc.readers._table import (ANY_DELIMITER, BATCH_INDEX, STEP_NAMES, check_spaced_line, maybe_plain_table,
                                     plain_table, plain_table_under_lines, quoted_fields, sniff_delimiter,
                                     table_under_lines, text_number)
from curvedoc.run import Run, few, not_read

# format name -> module under curvedoc.readers
READERS = {
    "csv": "csv_generic",
    "tb_csv": "tb_download",
    "tb_json": "tb_download",
    "tb_events": "tb_events",
    "wandb_panel": "wandb",
    "wandb_history": "wandb",
    "hf_trainer": "hf_trainer",
    "lightning_csv": "lightning",
    "keras_csv": "keras",
    "mlflow": "mlflow",
    "mlflow_db": "mlflow",
    "json": "json_doc",
    "parquet": "parquet",
    "npy": "numpy_arrays",
    "text": "text",
}

# Formats whose readers take a directory themselves.
DIRECTORY_FORMATS = frozenset({"tb_events", "mlflow", "lightning_csv", "hf_trainer", "wandb_history", "tb_csv",
                               "tb_json"})

TFEVENTS = re.compile(r"(^|\.)tfevents\.")


def read(path: str | Path, format: str | None = None) -> list[Run]:
    """Read a log file or directory into canonical runs.

    A directory is a log directory (TensorBoard, MLflow, Lightning, Trainer, W&B), or a
    folder holding one log file, read as that file; with several, the error names them.
    """
    try:
        runs = _read(Path(path), format)
    except RecursionError:
        # pathlib's recursive glob over a directory nested a thousand levels deep.
        raise CurvedocError("nested too deeply to search for logs", path) from None
    if is_stdin_copy(Path(path)):
        for run in runs:  # readers that name a run by its folder named it by the copy's
            run.source = STDIN
            run.name = STDIN_FILE if run.name.startswith(STDIN_DIR_PREFIX) else run.name
    return runs


# ``-`` on the command line: standard input, copied whole to a file that every reader can
# sniff and read (the CLI makes it); reports and errors name it STDIN, not the copy.
STDIN = "<stdin>"
STDIN_DIR_PREFIX = "curvedoc-stdin-"
STDIN_FILE = "stdin"
# From where a word starts only: tried at every character, ``\S*`` made a long unbroken
# message (a 10^5-character name) cost quadratic time.
_STDIN_COPY = re.compile(rf"(?<!\S)\S*{STDIN_DIR_PREFIX}[^/\\\s]+[/\\]{STDIN_FILE}")
_STDIN_FOLDER = re.compile(rf"{STDIN_DIR_PREFIX}[^/\\\s'\"]+")  # the copy's folder named as a run


def is_stdin_copy(path: Path) -> bool:
    return path.name == STDIN_FILE and path.parent.name.startswith(STDIN_DIR_PREFIX)


def name_stdin(text: str) -> str:
    """A message with the path of standard input's copy replaced by STDIN, its folder by STDIN_FILE."""
    if STDIN_DIR_PREFIX not in text:
        return text
    return _STDIN_FOLDER.sub(STDIN_FILE, _STDIN_COPY.sub(STDIN, text))


def _read(path: Path, format: str | None) -> list[Run]:
    if format is not None and format not in READERS:
        raise CurvedocError(f"unknown format {format!r}; known: {', '.join(sorted(READERS))}")
    beside: list[Path] = []
    left_out: list[Path] = []
    root = path
    others: list[Path] = []
    loggers: list[Path] = []  # logger folders beside the folder's own log, to read it through if that is none
    twins: list[Path] = []  # logs right beside the event files read
    if path.is_dir() and format is None:
        format = _sniff_dir(path)
        if format == "hf_trainer":  # read through its state: other logs in the folder are said, not dropped
            others = [f for f in log_files_in(path) if f.name != "trainer_state.json"]
        if format == "tb_events":  # found by event files anywhere below: other logs may sit beside them
            beside, twins = _logs_beside_event_files(path)
            twins = twins or _twins_below(path)
        elif format is None and log_files_in(path):
            beside = loggers = _log_dirs_below(path)  # a run's own CSV with its wandb/ beside it: both
        elif format is None:
            # A project folder: its wandb/, lightning_logs/, logs/NAME/version_N.
            below = _log_dirs_below(path)
            if below:
                path, beside = below[0], below[1:]
                format = _sniff_dir(path)
                left_out = _plain_log_folders_beside(root, below)
                if format == "tb_events":
                    twins = _twins_below(path)
    set_aside: list[CurvedocError] = []
    if path.is_dir() and format not in DIRECTORY_FORMATS:
        path = single_log(path, set_aside)  # a folder that holds one log is read as that log
    try:
        runs = _read_as(path, format)
    except CurvedocError as err:
        if not loggers:
            raise
        # The folder's own file is no log (notes kept in a JSON) but logger folders sit beside it: a
        # project folder, read through them, and the file said. It refused the whole folder.
        path, beside = beside[0], beside[1:]
        runs = _read(path, None)
        runs[0].warnings.append(not_read(_below(Path(err.path), root) if err.path else root.name, err.reason))
    for file, note in take_damage_notes():
        runs[0].warnings.append(note if file == path else f"{_below(file, path)}: {note}")
    for other in beside:
        try:
            runs += _read(other, None)
        except CurvedocError as err:
            runs[0].warnings.append(not_read(other.relative_to(root), str(err).removeprefix(f"{other}: ")))
    if others:
        runs[0].warnings.append(not_read(few([p.name for p in others]), "logs beside the Trainer's trainer_state.json, "
                                         "which the folder is read through (pass a file to read it)"))
    for err in set_aside:  # named as a log beside the one read, refused by its content (a PNG saved as junk.csv)
        runs[0].warnings.append(not_read(_below(Path(err.path), root), err.reason))
    if twins:
        runs[0].warnings.append(not_read(few([str(_below(p, root)) for p in twins]), "logs beside the event files, "
                                         "which the folder is read through (the same run's other logger? pass a "
                                         "file to read it)"))
    if left_out:
        runs[0].warnings.append(not_read(few([p.name for p in left_out]),
                                         "folders beside the logger folders holding plain logs (exports or "
                                         f"checkpoints, or runs: pass them to read them, {root.name or '.'}/NAME)"))
    return runs


def _read_as(path: Path, format: str | None) -> list[Run]:
    """The runs of one log."""
    fmt = format or sniff(path)
    module = importlib.import_module(f"curvedoc.readers.{READERS[fmt]}")
    reader = getattr(module, f"read_{fmt}", None) or module.read
    take_damage_notes()  # what an earlier read left
    try:
        runs = reader(path)
    except CurvedocError as err:
        if err.path is None:  # raised where the file is not known (a table's parser): named here
            raise CurvedocError(err.reason, path, lasting=err.lasting) from None
        raise
    except RecursionError:
        raise CurvedocError(f"nested too deeply to be a {fmt} log", path) from None
    except MemoryError:
        raise CurvedocError("too large to read into memory", path) from None
    except (ValueError, KeyError, TypeError, IndexError, OverflowError, UnicodeError) as err:
        # A reader met a shape it did not expect: still the user's file, still one line.
        raise CurvedocError(f"cannot read as {fmt}: {type(err).__name__}: {err}", path) from None
    if not runs or all(run.frame.shape[1] == 0 for run in runs):
        raise CurvedocError(f"no training series found (read as {fmt})", path)
    return runs


def _plain_log_folders_beside(root: Path, logger_dirs: list[Path]) -> list[Path]:
    """The sub-folders of a project folder, outside its logger folders, that hold plain logs: read
    from the project folder, they are left out, and that is said (a folder of runs, one of them a
    Trainer's, read as that one run passed a gate on it)."""
    try:
        subs = sorted(p for p in root.iterdir()
                      if p.is_dir() and not p.name.startswith(".") and p.name != "__pycache__")
    except OSError:
        return []
    return [sub for sub in subs[:MAX_FILES_SNIFFED]
            if not any(d == sub or d.is_relative_to(sub) or sub.is_relative_to(d) for d in logger_dirs)
            and log_files_in(sub)]


def _below(file: Path, folder: Path) -> Path:
    """A file read for a folder, named from that folder where it lies inside it."""
    return file.relative_to(folder) if file.is_relative_to(folder) else file


# How far below a folder that is no log directory logger folders are looked for: one level for a
# project's wandb/ or lightning_logs/, two for CSVLogger(save_dir="logs", name=...)'s logs/NAME/version_N.
LOG_DIR_DEPTH = 2


def _log_dirs_below(path: Path, depth: int = LOG_DIR_DEPTH) -> list[Path]:
    """The log directories (W&B, Lightning, MLflow, Trainer) among a folder's sub-folders, down to
    ``depth`` levels, the first found on each branch: a user runs ``curvedoc analyze .`` in the
    project, not in ``wandb/``. A sub-folder holding a plain log file is not one: it may be
    checkpoints or exports, and the user names such runs (``runs/*``)."""
    try:
        subs = sorted(p for p in path.iterdir() if p.is_dir() and not p.is_symlink() and not p.name.startswith(".")
                      and p.name != "__pycache__")
    except OSError as err:
        raise CurvedocError(f"cannot list directory: {err.strerror or err}", path) from None
    found: list[Path] = []
    for sub in subs[:MAX_FILES_SNIFFED]:
        if _sniff_dir(sub) is not None:
            found.append(sub)
        elif depth > 1:
            found += _log_dirs_below(sub, depth - 1)
    return found


def _logs_beside_event_files(path: Path) -> tuple[list[Path], list[Path]]:
    """The files and folders of a directory read as TensorBoard that hold no event file but may
    hold logs of their own (a folder of runs in several formats, a CSV kept next to ``tb/``), and
    the logs right beside event files in it, read through them and said (a metrics.csv there went
    unsaid)."""
    try:
        folders = sorted(p for p in path.iterdir() if p.is_dir() and not p.name.startswith(".")
                         and not _holds_event_files(p))
        # Files right beside the event files are the same run's other logger (Lightning's CSVLogger
        # and TensorBoardLogger share version_N/): read once, through its event files.
        here = any(TFEVENTS.search(p.name) for p in path.iterdir() if p.is_file())
    except OSError as err:
        raise CurvedocError(f"cannot walk directory: {err.strerror or err}", path) from None
    refused: list[CurvedocError] = []
    files = [p for p in log_files_in(path, refused) if not TFEVENTS.search(p.name)]
    below = [p for p in folders if _sniff_dir(p) is not None or log_files_in(p)]
    if here:
        return below, files
    # A file named as a log but refused (a history.csv of garbage) is tried again, so that it is named.
    files += [err.path for err in refused if not TFEVENTS.search(err.path.name)]
    return sorted(files) + below, []


def _twins_below(path: Path) -> list[Path]:
    """Logs right beside event files in the folders below ``path`` (a Lightning ``version_N/`` holding both
    loggers' files, reached from its project folder): read through the event files, so said."""
    out = []
    for dirpath, _, files in walk(path):
        if dirpath != str(path) and any(TFEVENTS.search(f) for f in files):
            out += [p for p in log_files_in(Path(dirpath)) if not TFEVENTS.search(p.name)]
    return sorted(out)


def _refuse_archives(head: bytes, path: Path) -> None:
    """An archive or a compressed file other than gzip (which is read as it comes), named with the
    command that opens it rather than read as "binary content"."""
    if head.startswith(ZIP_MAGIC):
        raise CurvedocError(zip_contents(path), path, lasting=True)
    if head[257:262] == b"ustar":  # POSIX tar's magic, in its first header block
        raise CurvedocError("a tar archive: unpack it (tar xf) and pass the log inside", path, lasting=True)
    bzip2 = head[:3] == b"BZh" and head[4:10] == b"1AY&SY"  # its magic, then its first block's
    for found, what, tool in ((bzip2, "a bzip2", "bunzip2"), (head.startswith(b"\xfd7zXZ\x00"), "an xz", "unxz"),
                              (head.startswith(b"(\xb5/\xfd"), "a zstd", "unzstd"),
                              (head.startswith(b"7z\xbc\xaf\x27\x1c"), "a 7-Zip", "7z x")):
        if found:
            raise CurvedocError(f"{what} compressed file: decompress it ({tool}) and pass the log inside", path,
                                  lasting=True)


def sniff(path: Path) -> str:
    """The format of a log, from its name and first bytes."""
    if path.is_dir():
        return _sniff_dir(path) or sniff(single_log(path))
    check_readable_file(path)
    head = head_bytes(path, SNIFF_HEAD)
    if head.startswith(b"\x1f\x8b") and is_gzip(path):
        raise CurvedocError("a gzip file inside a gzip file: gunzip it once and pass what is inside", path)
    if head.startswith(LFS_POINTER):
        raise CurvedocError("this is a Git-LFS pointer, not the log; run `git lfs pull` first", path)
    name = path.name.lower()
    if TFEVENTS.search(name):
        _refuse_archives(head, path)  # an event file zipped or xz'd was "a record failing its CRC check"
        if len(head) >= 12 and b"\x00" not in head[:12]:  # a record opens with its length: 8 bytes, mostly zero
            # Text only if it reads as text: random bytes were called text.
            what = "it holds text" if _reads_as_text(head) else "its first bytes open no record (corrupt, or other " \
                "binary data)"
            raise CurvedocError(f"named as a TensorBoard event file, but {what}: not an event file", path)
        return "tb_events"
    if name.endswith(".gz"):
        name = name[:-3]
    if name == "trainer_state.json":
        return "hf_trainer"
    if name in ("wandb-history.jsonl", "wandb-summary.json"):
        return "wandb_history"  # the reader refuses a summary with a clear message
    if path.parent.name == "metrics" and (path.parent.parent / "meta.yaml").exists():
        return "mlflow"
    # The text reader takes `key = value` lines: a pyproject.toml read as a one-row log passed `check`.
    kind = NOT_LOG_KINDS.get(Path(name).suffix)
    if kind is not None:
        # A notebook exported to Markdown holds its training output too, among prose and code that read as
        # records of their own: the way to it is said.
        hint = "; to read a training output pasted into it, save that part as a .txt" if kind == "a document" else ""
        raise CurvedocError(f"{kind} ({Path(name).suffix}), not a training log{hint}", path)
    if (text := utf16_text(head, path, final=False)) is not None:  # PowerShell's `>` writes UTF-16
        return _sniff_text(path, text)
    if head.startswith(PARQUET_MAGIC):
        return "parquet"
    if head.startswith(SQLITE_MAGIC):
        return "mlflow_db"  # the reader says so when it is some other database
    if head.startswith(b":W&B") or name.endswith(".wandb"):  # by name too: a file cut before its magic
        raise CurvedocError("a W&B binary run file (.wandb), which only the W&B SDK decodes: sync the run "
                            "(`wandb sync DIR`) and export its history with the API's run.history(), or keep "
                            "the files/wandb-history.jsonl older SDKs write", path)
    npz = head.startswith(ZIP_MAGIC) and (name.endswith(".npz") or holds_arrays_only(path))
    if head.startswith(NPY_MAGIC) or npz:
        return "npy"
    if head[:2] in PICKLE_HEADS:
        raise CurvedocError(not_unpickled("a Python pickle (DataFrame.to_pickle, joblib.dump, torch.save)"), path,
                            lasting=True)
    _refuse_archives(head, path)
    kind = next((what for magic, what in NOT_LOG_MAGIC if head.startswith(magic)), None)
    if kind is not None:  # a plot saved under the log's name was "no line holds a training record"
        raise CurvedocError(f"{kind}, not a training log", path, lasting=True)
    if b"\x00" in head:
        if _looks_like_tfrecord(head):
            return "tb_events"
        check_not_utf16(head, path)
        head, _ = without_nul_lines(head, path)  # a text log with a few lines a crash zeroed
    else:
        head = _past_preamble(path, head)
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        if err.start < len(head) - 4:  # not merely a character cut at the buffer's end
            text, _ = lenient_text(head, err, path)  # a stray byte of another encoding: the reader says so
        else:
            text = head[:err.start].decode("utf-8-sig")
    return _sniff_text(path, text)


# A format is told from the first 64 KB, read further (up to this much) when they hold no line of
# data yet: a CSV under 70 KB of comment lines was read as a text log of the numbers in them.
SNIFF_HEAD = 65536
SNIFF_LIMIT = 16 * 2**20


def _past_preamble(path: Path, head: bytes) -> bytes:
    """The file's head, read on past blank and ``#`` comment lines, or past a first JSON line cut
    short, until it holds a whole line of something else (or ``SNIFF_LIMIT`` bytes)."""
    size = SNIFF_HEAD
    while len(head) == size and size < SNIFF_LIMIT:  # a head shorter than asked for is the whole file
        text = head.decode("utf-8", errors="ignore")
        whole = text[:text.rfind("\n") + 1]  # the lines the head holds whole
        if any(ln.strip() and not ln.lstrip().startswith("#") for ln in whole.splitlines()):
            break
        size *= 4
        head = head_bytes(path, size)
    return head


# Control bytes that text holds none of (tab, line ends, form feed and the escapes of terminal colours aside).
_BINARY_BYTES = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")


def _reads_as_text(head: bytes) -> bool:
    """Whether a file's first bytes are UTF-8 text (the last character may be cut) without control bytes."""
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(head)
    except UnicodeDecodeError:
        return False
    return not _BINARY_BYTES.search(text)


def _sniff_text(path: Path, text: str) -> str:
    stripped = text.lstrip()
    if not stripped:
        # A gzip holding nothing reached here as its inflated text: "whitespace" said what it is not.
        # ... and a plain file found empty here was emptied after its size was read (rewritten in place).
        raise CurvedocError("the file holds only whitespace" if text else "empty once decompressed"
                            if is_gzip(path) else "empty (rewritten while it was read?)", path)
    if re.match(r"<(!doctype\s+html|html)\b", stripped, re.IGNORECASE):
        raise CurvedocError("a web page, not a log (a download that fetched an error or login page?)", path)
    if stripped[0] in "[{":
        from curvedoc.readers.json_doc import PRINTED_HISTORY

        if PRINTED_HISTORY.match(stripped):
            return "json"  # print(history.history): its reader reads the repr
        fmt = _sniff_json(stripped, path)
        if fmt:
            return fmt
    lines = [ln for ln in stripped.splitlines() if ln.strip()]
    header = lines[0].strip().lstrip("\ufeff")
    check_spaced_line(header, path)  # before any reading splits it (the head may hold only its start)
    if maybe_plain_table(header) and plain_table(stripped, path) is not None:
        return "csv"  # columns split by spaces, or a table under comment lines (np.savetxt)
    cols = quoted_fields(header) or [c.strip().strip('"') for c in ANY_DELIMITER.split(header)]
    low = [c.lower() for c in cols]
    if low[:3] == ["wall time", "step", "value"] or low == ["step", "value"]:
        return "tb_csv"
    if low and low[0] in ("step", "epoch", "_step") and any(" - " in c for c in cols[1:]):
        return "wandb_panel"
    if len(cols) > 1 and all(" - " in c for c in cols[1:]) and any(c.endswith("__MIN") for c in cols):
        return "wandb_panel"  # a panel whose x-axis is wall time or a custom metric
    if "_step" in low and ("_runtime" in low or "_timestamp" in low or "train/global_step" in low
                           or "trainer/global_step" in low):
        return "wandb_history"  # W&B's own counter beside its clock, or beside HF's step it logs
    if "step" in low and (any(c.startswith("lr-") for c in low)
                          or (path.name == "metrics.csv" and re.match(r"version_\d+$", path.parent.name))):
        return "lightning_csv"
    # CSVLogger writes the epoch and the logs' keys, never a step: a loop's own `epoch,iter,loss`
    # written by the csv module (its lines end in \r\n too) counts its steps in a column.
    counted = any(c in STEP_NAMES or BATCH_INDEX.fullmatch(c) for c in low[1:])
    if low and low[0] == "epoch" and not counted and "\r\n" in text:
        return "keras_csv"
    odd = re.match(r"epoch([^\w\s.\-\"'])\w+(\1\w+)*$", header)
    if odd and not counted and ("\r\n" in text
                                or odd.group(1) != "," and _numeric_rows(lines[1:6], header, odd.group(1))):
        return "keras_csv"  # CSVLogger(separator="|") or another separator; its lines as written, or
                            # turned into \n by a checkout
    if len(cols) >= 2 and _numeric_rows(lines[1:6], header) and not _split_text_line(cols):
        return "csv"
    if _named_table(cols, header, lines[1:6]):
        return "csv"  # a table of text cells: its reader says which columns hold no numbers
    if (len(cols) == 1 and len(lines) > 1 and all(text_number(ln) is not None for ln in lines[1:6])
            and (text_number(header) is not None or re.fullmatch(r"[A-Za-z_][\w./\-]*", header))):
        return "csv"  # one series, a value per line: under its name, or with no header (``np.savetxt``)
    # A last line without its line end may be cut mid-write (the MLflow reader skips it).
    whole = lines if text.endswith(("\n", "\r")) or len(lines) < 2 else lines[:-1]
    if _mlflow_lines(whole[:5]):
        return "mlflow"
    spaced = [ln.split() for ln in lines[:6]]
    if len(spaced[0]) > 1 and all(len(r) == len(spaced[0]) and all(text_number(c) is not None for c in r)
                                  for r in spaced):
        return "csv"  # columns of numbers split by spaces, no header (np.savetxt): its reader says so
    if table_under_lines(stripped) is not None or plain_table_under_lines(stripped[:16384], path) is not None:
        return "csv"  # a title or a few printed lines above the header: its reader skips them, said
    return "text"


# How a one-line history document opens: records, a dict of lists, pandas' layouts (a dict per
# column keyed by step, ``split``, ``table``) or a history under a key of its own.
JSON_HISTORY_OPENING = re.compile(r'\[\s*\{|\{\s*"[^"]*"\s*:\s*(\[|\{\s*"-?\d+"\s*:|\{\s*"[^"]*"\s*:\s*\[)'
                                  r'|\{\s*"(columns|schema)"\s*:|\{\s*"-?\d*\.\d+"\s*:\s*-?[\d.]')


def _sniff_json(text: str, path: Path) -> str | None:
    if re.match(r"\[\s*\[\s*[-0-9.eE+]+\s*,\s*[-0-9.eE+]+\s*,", text):
        return "tb_json"
    lines = [ln.strip() for ln in text.split("\n", 8) if ln.strip()]
    first_line = lines[0]
    if first_line in ("[", "{"):
        # An indented JSON document: records, or a dict whose first key holds a list (Keras' history)
        # or an object (pandas' layouts, a wrapped history; the reader says if it is neither). A flat
        # config's first key holds a value, and a text log starts with "[" but not alone on its line.
        if '"log_history"' in text:
            return "hf_trainer"
        second = lines[1] if len(lines) > 1 else ""
        records = first_line == "[" and second.startswith("{")
        if records or re.match(r'"[^"]*"\s*:\s*\[', second):
            return "json"
        if re.match(r'"[^"]*"\s*:\s*\{', second):
            return "json" if _history_object(text, lines) else None
        try:
            doc = json.loads(text)
        except (ValueError, RecursionError):
            doc = None  # the head sniffed holds part of a longer document
        _refuse_one_object(doc, path)
        return None
    try:
        obj = json.loads(first_line)
    except RecursionError:
        raise CurvedocError("JSON nested too deeply to be a training log", path) from None
    except ValueError:
        if '"log_history"' in text:
            return "hf_trainer"
        # A long one-line document runs past the bytes sniffed: its opening says what it is.
        return "json" if JSON_HISTORY_OPENING.match(first_line) and len(lines) == 1 else None
    if isinstance(obj, list):
        return "json"  # its reader says what it holds if not records
    if isinstance(obj, dict) and "log_history" in obj:
        return "hf_trainer"
    if isinstance(obj, dict) and "_wandb" in obj and len(lines) == 1:
        _refuse_one_object(obj, path, any_name=True)  # a W&B summary piped in: it counts its last _step too
    if isinstance(obj, dict) and "_step" in obj:
        return "wandb_history"
    if isinstance(obj, dict) and obj and all(isinstance(v, list) for v in obj.values()):
        return "json"  # Keras' history.history dumped on one line
    if isinstance(obj, dict) and len(lines) == 1:
        from curvedoc.readers.json_doc import holds_history

        if holds_history(obj):
            return "json"  # a whole document on one line: a history with other keys, or pandas' layouts
    if len(lines) == 1:
        _refuse_one_object(obj, path, any_name=True)  # the whole document, already read
    return "text" if isinstance(obj, dict) else None


def _refuse_one_object(doc: object, path: Path, any_name: bool = False) -> None:
    """A .json file that is one object of values is a run's final metrics or its config (the Trainer's
    all_results.json, a wandb summary): read as a one-record log it passed `check` with nothing to judge.
    So is a table's name on one. A JSON-lines log of one record is read when it counts its steps
    (detectron2's metrics.json after its first 20 iterations), or keeps its .jsonl or .log name when it
    is indented; a whole file that is one line of one stepless object is refused whatever its name
    (``any_name``: piped in, or named .log, it was a one-point log and passed `check`). A W&B summary
    (its ``_wandb`` key) counts its last step and is refused as one."""
    from curvedoc.readers.text import STEP_KEYS

    if not isinstance(doc, dict):
        return
    if any_name and "_wandb" in doc:
        from curvedoc.readers.wandb import _summary_error

        raise _summary_error(path)
    if (any_name or path.suffix.lower() in (".json", ".csv", ".tsv")) and not any(k in doc for k in STEP_KEYS):
        raise CurvedocError("one JSON object of values (a run's final metrics or its config, as the Trainer's "
                            "all_results.json), not a history of steps", path)


def _history_object(text: str, lines: list[str]) -> bool:
    """Whether an indented JSON object whose first key holds an object is a history (pandas' layouts,
    ``{"history": {...}}``) rather than a nested summary or config: read whole when the sniffed head
    holds it all, else told by the key under the first (a step, or a list under a name)."""
    from curvedoc.readers.json_doc import holds_history

    try:
        doc = json.loads(text)
    except (ValueError, RecursionError):
        third = lines[2] if len(lines) > 2 else ""
        return bool(re.match(r'"-?\d+"\s*:|"[^"]*"\s*:\s*\[', third))
    return isinstance(doc, dict) and holds_history(doc)


# A name: a run of word characters, dots and dashes holding an ASCII letter or underscore, tried from the
# run's start alone (the lookbehind). Tried from each of its letters, a search over a cell of 30,000 letters
# took 12 s; the names found are the same.
_NAME = r"(?<![\w./\-])(?:[^\WA-Za-z_]|[./\-])*[A-Za-z_][\w./\-]*"
# A name, then a number after a colon, an equals sign or a space: a `key value` pair, no column's name.
_NAMED_NUMBER = re.compile(rf"{_NAME}\s*(?:[:=]\s*|\s)[-+]?(?:\d|\.\d)")


def _numeric_rows(rows: list[str], header: str, sep: str | None = None) -> bool:
    if not rows:
        # Header only: the CSV reader says so. A lone line of `key value` pairs (a console log of one
        # record, "iter 4: loss 2.3130, lr 1e-2") is no header: it was refused as "header only".
        cells = ANY_DELIMITER.split(header)
        return sum(bool(_NAMED_NUMBER.search(c)) for c in cells) * 2 < len(cells)
    sep = sep or sniff_delimiter(header)
    # Split as CSV is: a quoted cell may hold the separator (a W&B history dump's histogram dicts).
    cells = [c.strip().strip('"') for row in _csv_cells(rows, sep) for c in row]
    # With another separator a comma may be the decimal mark (``0,53``), which the CSV reader reads.
    mark = r"[.,]" if sep != "," else r"\."
    # Quoted, a comma-separated cell may group thousands ("1,217.034", as a spreadsheet formats it).
    grouped = r"|[-+]?[1-9]\d{0,2}(,\d{3})+(\.\d*)?" if sep == "," else ""
    # One way only to split the digits around the mark: ``\d+{mark}?\d*`` took 24 s on a cell of 30,000 digits.
    number = re.compile(rf"[-+]?(\d+(?:{mark}\d*)?|{mark}\d+)([eE][-+]?\d+)?|nan|NaN|inf|-inf|{grouped}")
    numeric = sum(bool(number.fullmatch(c)) for c in cells)
    # Empty cells count (a Lightning CSV's gaps), but not alone: a console log whose lines open with
    # "| " (fairseq's) split on "|" into an empty cell and a sentence, and was read as a table.
    return numeric >= 0.5 * len(cells) and any(c and number.fullmatch(c) for c in cells)


def _csv_cells(rows: list[str], sep: str) -> list[list[str]]:
    import csv

    return list(csv.reader(rows, delimiter=sep))


def _named_table(cols: list[str], header: str, rows: list[str]) -> bool:
    """A header of names over rows of as many cells, the first a number (the step): a table whose
    values are not numbers as Python writes them (``1.0D-03``, words), not a text log."""
    if len(cols) < 2 or not rows or not all(re.fullmatch(r"[A-Za-z_][\w./\- ]*", c) for c in cols):
        return False
    sep = max((",", "\t", ";"), key=header.count)
    cells = _csv_cells(rows, sep)
    return all(len(c) == len(cols) and text_number(c[0].strip().strip('"')) is not None for c in cells)


def _split_text_line(cols: list[str]) -> bool:
    """A text log's line cut at its commas (``step 1 loss 0,53``, ``14:23:01,234 … step 100``), not a
    header: one cell is a number and another a name followed by a number."""
    number = re.compile(r"[-+]?(\d+(?:\.\d*)?|\.\d+)")
    pair = re.compile(rf"{_NAME}(\s*[:=]\s*|\s+)[-+]?\.?\d")
    return any(number.fullmatch(c) for c in cols) and any(pair.search(c) for c in cols)


def _mlflow_lines(lines: list[str]) -> bool:
    pattern = re.compile(r"^\d{10,13} [-+]?[\w.+-]+( -?\d+)?$")
    return bool(lines) and all(pattern.match(ln.strip()) for ln in lines)


def _looks_like_tfrecord(head: bytes) -> bool:
    if len(head) < 16:
        return False
    length = int.from_bytes(head[:8], "little")
    return 0 < length < 1 << 30


def _holds_event_files(path: Path) -> bool:
    """Whether TensorBoard would find event files under ``path`` (through links to folders too)."""
    return any(TFEVENTS.search(f) for _, _, files in walk(path) for f in files)


def _sniff_dir(path: Path) -> str | None:
    """The format of a log directory (TensorBoard, MLflow, Lightning, HF, W&B); None if it is none of them."""
    try:
        # A Trainer output dir also holds runs/*/tfevents (Git-LFS pointers on the Hub): its state wins.
        if (path / "trainer_state.json").is_file() or any(path.glob("checkpoint-*/trainer_state.json")) \
                or (path / "last-checkpoint" / "trainer_state.json").is_file():
            return "hf_trainer"
        # MLflow first: autologged runs keep TensorBoard files under artifacts/.
        if (path / "meta.yaml").exists() and (path / "metrics").is_dir():
            return "mlflow"
        if path.name == "metrics" and (path.parent / "meta.yaml").exists():
            return "mlflow"
        if any(path.glob("*/meta.yaml")) or any((m.parent / "metrics").is_dir() for m in path.glob("*/*/meta.yaml")):
            return "mlflow"  # an experiment, or an mlruns/ root (its runs hold metrics/)
        if any(path.glob("*/*/meta.yaml")):
            # A project folder with its mlruns/ below (an experiment's meta.yaml two levels down): read
            # through that logger folder, before the event files autologging keeps in its artifacts.
            return None
        if _holds_event_files(path):
            return "tb_events"
    except OSError as err:
        raise CurvedocError(f"cannot walk directory: {err.strerror or err}", path) from None
    from curvedoc.readers.wandb import HISTORY_FILE, SUMMARY_FILE, run_dirs

    if (path / HISTORY_FILE).is_file() or (path / "files" / HISTORY_FILE).is_file() or run_dirs(path):
        return "wandb_history"
    if (path / "files" / SUMMARY_FILE).is_file() and not any(p.is_file() for p in path.iterdir()):
        # A W&B run folder whose files/ holds a summary and no history: its reader says what is missing,
        # where sending the user into files/ found the summary, which holds no series either.
        return "wandb_history"
    # A pipe in place of the version's metrics.csv too: its reader names it rather than "no training logs".
    if is_file_or_special(path / "metrics.csv") and re.match(r"version_\d+$", path.name) \
            or any(path.glob("version_*/metrics.csv")):
        return "lightning_csv"
    from curvedoc.readers.lightning import version_files

    if version_files(path):  # versions the logger was given names for (CSVLogger(version="seed42"))
        return "lightning_csv"
    if _downloads_only(path):
        return "tb_csv"
    return None


def _downloads_only(path: Path) -> bool:
    """A folder whose logs are all TensorBoard scalar downloads, two or more: read together."""
    from curvedoc.readers.tb_download import download_files

    downloads = download_files(path)
    return len(downloads) >= 2 and set(log_files_in(path)) <= set(downloads)


# How many of a directory's logs the error names, and how many of its files are looked into
# (a checkpoint folder may hold thousands; their first bytes are read only up to this bound).
MAX_LOGS_NAMED = 4
MAX_FILES_SNIFFED = 200
# Files beside a log that are never the log: configuration, notes, code, images, weights.
NOT_LOG_SUFFIXES = frozenset({".md", ".rst", ".yaml", ".yml", ".toml", ".ini", ".cfg", ".py", ".sh", ".ipynb",
                              ".png", ".jpg", ".jpeg", ".gif", ".svg", ".pdf", ".html", ".pt", ".pth", ".ckpt",
                              ".bin", ".safetensors", ".npy", ".npz", ".pkl", ".h5", ".onnx", ".zip", ".tar"})
NOT_LOG_STEMS = frozenset({"readme", "license", "licence", "notes", "requirements", "provenance", "config",
                           "hparams", "params", "args", "training_args", "hyperparameters"})
# Files a log is never written as, named by their suffix (the text reader would read their lines).
NOT_LOG_KINDS = {".toml": "a configuration file", ".ini": "a configuration file", ".cfg": "a configuration file",
                 ".yaml": "a configuration file", ".yml": "a configuration file", ".md": "a document",
                 ".rst": "a document", ".py": "Python source", ".ipynb": "a notebook"}
# Files of other kinds, told by their first bytes.
NOT_LOG_MAGIC = ((b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
                 (b"%PDF-", "a PDF document"))
# SQLite's files beside a database it has open: its write-ahead log, shared memory and journal.
SQLITE_SIDECAR = re.compile(r"-(wal|shm|journal)$")
# The text reader takes any text, so a file read as text counts as a log only under a log's name.
# A .json read as text holds a record per line: detectron2's metrics.json, MMDetection's log.json.
TEXT_LOG_SUFFIXES = frozenset({".log", ".txt", ".out", ".err", ".jsonl", ".ndjson", ".json"})


def single_log(path: Path, refused: list[CurvedocError] | None = None) -> Path:
    """The one training log in a directory that is no log directory itself, else one clear error;
    the files named as logs that their content refused go to ``refused``."""
    refused = [] if refused is None else refused
    found = log_files_in(path, refused, lone_notes=True)
    if not found:
        # A folder holding one damaged log says what is wrong with it, not only that nothing was read.
        why = f" ({refused[0].path.name}: {refused[0].reason})" \
            if len(refused) == 1 else _runs_below(path)
        what = "a directory with no training log of its own" if why.startswith(";") else \
            "a directory with no training logs curvedoc can read"
        raise CurvedocError(f"{what}{why}", path)
    if len(found) > 1:
        names = few([p.name for p in found], MAX_LOGS_NAMED)
        if (n := len(_candidates(path))) > MAX_FILES_SNIFFED:  # only so many were looked into
            names += f" in the first {MAX_FILES_SNIFFED} of {n} files"
        raise CurvedocError(f"a directory with several training logs ({names}); pass one of them", path)
    return found[0]


def _runs_below(path: Path) -> str:
    """A hint when folders below hold logs: a folder of runs (runs/NAME/), or of runs by date and time
    (Hydra's outputs/DATE/TIME/), each named in turn. Up to MAX_RUN_DEPTH levels down, and
    MAX_FILES_SNIFFED folders in all."""
    level, looked = [path], 0
    for depth in range(1, MAX_RUN_DEPTH + 1):
        below = []
        for folder in level:
            try:
                below += sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
            except OSError:
                continue
        below = below[:max(0, MAX_FILES_SNIFFED - looked)]
        looked += len(below)
        holding = [p for p in below if log_files_in(p)]
        if holding:
            names = ", ".join(str(p.relative_to(path)) for p in holding[:MAX_LOGS_NAMED]) + \
                (" ..." if len(holding) > MAX_LOGS_NAMED else "")
            pattern = "/".join([str(path).rstrip("/") or "/"] + ["*"] * depth)
            if len(holding) == 1:
                return f"; {'its sub-folder' if depth == 1 else 'the folder'} {names} holds one: pass it"
            where = "its sub-folders" if depth == 1 else f"folders {depth} levels down"
            return f"; {where} {names} hold logs: pass them ({pattern})"
        level = below
    return ""


# How far below a folder given with no log of its own the error looks for runs.
MAX_RUN_DEPTH = 3


def log_files_in(path: Path, refused: list[CurvedocError] | None = None, lone_notes: bool = False) -> list[Path]:
    """The files right in a directory that a reader recognises, by name and first bytes; the errors of
    those that may be logs by name but were refused by their content go to ``refused``. A text file
    of too few records to analyse is notes, unless (``lone_notes``) it is the folder's only file."""
    found, notes = [], []
    for file in _candidates(path)[:MAX_FILES_SNIFFED]:
        try:
            fmt = sniff(file)
        except CurvedocError as err:
            if refused is not None and err.path == file:
                refused.append(err)
            continue
        suffix = Path(file.name.lower().removesuffix(".gz")).suffix
        if fmt != "text" or suffix in TEXT_LOG_SUFFIXES:
            (notes if fmt == "text" and _few_records(file) else found).append(file)
    # A folder's only such file is still the user's log, and its analysis says what it lacks.
    return found if found or len(notes) != 1 or not lone_notes else notes


# A text file beside a log, or beside logger folders, that holds fewer records than a curve needs is
# notes (what was run, with a number or two), not a second log. Larger files are logs unread.
NOTES_MAX_BYTES = 64 * 1024


def _few_records(file: Path) -> bool:
    from curvedoc.detect import DEFAULT_CONFIG
    from curvedoc.readers.text import read as read_text

    try:
        if file.stat().st_size > NOTES_MAX_BYTES:
            return False
        runs = read_text(file)
    except (CurvedocError, OSError, ValueError):
        return True
    need = DEFAULT_CONFIG.min_points
    return not any(run.frame[c].count() >= need for run in runs for c in run.frame.columns)


def _candidates(path: Path) -> list[Path]:
    """The files right in a directory that may be logs by their names, in name order."""
    try:
        files = sorted(p for p in path.iterdir() if not p.name.startswith(".") and p.is_file())
    except OSError as err:
        raise CurvedocError(f"cannot list directory: {err.strerror or err}", path) from None
    return [p for p in files if _may_be_log(p)]


def _may_be_log(path: Path) -> bool:
    name = path.name.lower().removesuffix(".gz")
    if SQLITE_SIDECAR.search(name) and path.with_name(SQLITE_SIDECAR.sub("", path.name)).is_file():
        return False  # the journal of a database beside it, read with the database
    return Path(name).suffix not in NOT_LOG_SUFFIXES and name.split(".")[0] not in NOT_LOG_STEMS
