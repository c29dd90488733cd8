"""Readers: one module per log format, each ``read(path) -> list[Run]``, chosen by ``sniff``."""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

from curvedoc.errors import CurvedocError
from curvedoc.readers._io import LFS_POINTER, check_readable_file, head_bytes
from curvedoc.run import Run

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
    "text": "text",
}

TFEVENTS = re.compile(r"(^|\.)tfevents\.")


def read(path: str | Path, format: str | None = None) -> list[Run]:
    """Read a log file or directory into canonical runs."""
    path = Path(path)
    if format is not None and format not in READERS:
        raise CurvedocError(f"unknown format {format!r}; known: {', '.join(sorted(READERS))}")
    fmt = format or sniff(path)
    module = importlib.import_module(f"curvedoc.readers.{READERS[fmt]}")
    reader = getattr(module, f"read_{fmt}", None) or module.read
    try:
        runs = reader(path)
    except CurvedocError:
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


def sniff(path: Path) -> str:
    """The format of a log, from its name and first bytes."""
    if path.is_dir():
        return _sniff_dir(path)
    check_readable_file(path)
    head = head_bytes(path)
    if head.startswith(LFS_POINTER):
        raise CurvedocError("this is a Git-LFS pointer, not the log; run `git lfs pull` first", path)
    name = path.name.lower()
    if TFEVENTS.search(name):
        return "tb_events"
    if name.endswith(".gz"):
        name = name[:-3]
    if name == "trainer_state.json":
        return "hf_trainer"
    if name in ("wandb-history.jsonl", "wandb-summary.json"):
        return "wandb_history"  # the reader refuses a summary with a clear message
    if path.parent.name == "metrics" and (path.parent.parent / "meta.yaml").exists():
        return "mlflow"
    if b"\x00" in head:
        if _looks_like_tfrecord(head):
            return "tb_events"
        raise CurvedocError("binary content that is not a TensorBoard event file", path)
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        if err.start < len(head) - 4:  # not merely a character cut at the buffer's end
            raise CurvedocError(f"not UTF-8 text (byte {err.start} is invalid)", path) from None
        text = head[:err.start].decode("utf-8-sig")
    return _sniff_text(path, text)


def _sniff_text(path: Path, text: str) -> str:
    stripped = text.lstrip()
    if not stripped:
        raise CurvedocError("the file holds only whitespace", path)
    if stripped[0] in "[{":
        fmt = _sniff_json(stripped, path)
        if fmt:
            return fmt
    lines = [ln for ln in stripped.splitlines() if ln.strip()]
    header = lines[0].strip().lstrip("\ufeff")
    cols = [c.strip().strip('"') for c in re.split(r"[,\t;]", header)]
    low = [c.lower() for c in cols]
    if low[:3] == ["wall time", "step", "value"] or low == ["step", "value"]:
        return "tb_csv"
    if low and low[0] in ("step", "epoch", "_step") and any(" - " in c for c in cols[1:]):
        return "wandb_panel"
    if len(cols) > 1 and all(" - " in c for c in cols[1:]) and any(c.endswith("__MIN") for c in cols):
        return "wandb_panel"  # a panel whose x-axis is wall time or a custom metric
    if "_step" in low and ("_runtime" in low or "_timestamp" in low):
        return "wandb_history"
    if "step" in low and (any(c.startswith("lr-") for c in low)
                          or (path.name == "metrics.csv" and re.match(r"version_\d+$", path.parent.name))):
        return "lightning_csv"
    if low and low[0] == "epoch" and "step" not in low and "\r\n" in text:
        return "keras_csv"
    if re.match(r"epoch([^\w\s.\-\"'])\w+(\1\w+)*$", header) and "\r\n" in text:
        return "keras_csv"  # CSVLogger(separator="|") or another separator
    if len(cols) >= 2 and _numeric_rows(lines[1:6], header):
        return "csv"
    if _mlflow_lines(lines[:5]):
        return "mlflow"
    return "text"


def _sniff_json(text: str, path: Path) -> str | None:
    if text.startswith("["):
        return "tb_json" if re.match(r"\[\s*\[\s*[-0-9.eE+]+\s*,\s*[-0-9.eE+]+\s*,", text) else None
    first_line = text.split("\n", 1)[0]
    try:
        obj = json.loads(first_line)
    except RecursionError:
        raise CurvedocError("JSON nested too deeply to be a training log", path) from None
    except ValueError:
        return "hf_trainer" if '"log_history"' in text else None
    if isinstance(obj, dict) and "log_history" in obj:
        return "hf_trainer"
    if isinstance(obj, dict) and "_step" in obj:
        return "wandb_history"
    return "text" if isinstance(obj, dict) else None


def _numeric_rows(rows: list[str], header: str) -> bool:
    if not rows:
        return True  # header only: let the CSV reader say so
    sep = max((",", "\t", ";"), key=header.count)
    cells = [c.strip().strip('"') for row in rows for c in row.split(sep)]
    numeric = sum(bool(re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?|nan|NaN|inf|-inf|", c))
                  for c in cells)
    return numeric >= 0.5 * len(cells)


def _mlflow_lines(lines: list[str]) -> bool:
    pattern = re.compile(r"^\d{10,13} [-+]?[\w.+-]+( -?\d+)?$")
    return bool(lines) and all(pattern.match(ln.strip()) for ln in lines)


def _looks_like_tfrecord(head: bytes) -> bool:
    if len(head) < 16:
        return False
    length = int.from_bytes(head[:8], "little")
    return 0 < length < 1 << 30


def _sniff_dir(path: Path) -> str:
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
        if any(path.glob("*/*/meta.yaml")) or any(path.glob("*/meta.yaml")):
            return "mlflow"
        if any(TFEVENTS.search(p.name) for p in path.rglob("*tfevents*")):
            return "tb_events"
    except OSError as err:
        raise CurvedocError(f"cannot walk directory: {err}", path) from None
    if (path / "wandb-history.jsonl").is_file() or (path / "files" / "wandb-history.jsonl").is_file():
        return "wandb_history"
    if (path / "metrics.csv").is_file() and re.match(r"version_\d+$", path.name) \
            or any(path.glob("version_*/metrics.csv")):
        return "lightning_csv"
    if (path / "metrics.csv").exists():
        raise CurvedocError(f"a directory; did you mean {path / 'metrics.csv'}?", path)
    raise CurvedocError("a directory with no training logs curvedoc can read", path)
