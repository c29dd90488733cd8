"""Delimited tables (CSV/TSV, plain or gzip) into numeric columns, vectorised."""

from __future__ import annotations

import csv
import io
import math
import os
import re
import warnings
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

from curvedoc.errors import CurvedocError
from curvedoc.readers._io import GZIP_MAGIC, NOT_REGULAR, is_special, read_text, valid_text
from curvedoc.run import few

# A torch scalar as it prints, ``tensor(0.53)`` or ``tensor(0.53, device='cuda:0')``: its number is the cell's.
# The digits split one way only (``\d+(?:\.\d*)?``, not ``\d+\.?\d*``): a long run of them took seconds a cell.
TENSOR_REPR = re.compile(r"tensor\(\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|[-+]?(?i:nan|inf))"
                         r"\s*(?:,[^()\n]*)?\)")
# Cells that mean "not logged here". A literal nan is *not* among them: it is
# a logged value and signals divergence.
MISSING_TOKENS = ["", "NA", "N/A", "None", "null", "NULL", "<NA>"]
NAN_TOKENS = {"nan", "-nan", "+nan",
              # as C and C++ runtimes print them (MSVC, glibc): still a logged NaN, not a gap
              "nan(ind)", "-nan(ind)", "nan(snan)", "-nan(snan)", "1.#qnan", "-1.#qnan", "1.#ind", "-1.#ind"}
# Infinities pandas does not parse (MSVC's printf).
INF_TOKENS = {"1.#inf": np.inf, "-1.#inf": -np.inf}

STEP_NAMES = ("step", "global_step", "global step", "globalstep", "iteration", "iter", "it", "_step",
              "trainer/global_step", "train/global_step", "steps", "iterations", "num_updates", "current_steps",
              "time/total_timesteps", "total_timesteps", "total timesteps", "global_steps", "iters", "timestep",
              "timesteps", "updates", "n_iter",
              "step_num", "train_step", "optimizer_step", "optimizer_steps", "opt_step", "episode", "episodes")
# A batch's index within its epoch, under the names loops give it.
BATCH_INDEX = re.compile(r"batch(_?idx|_?index)?|iter(ation)?_?in_?epoch|step_?in_?epoch|batch_?step", re.I)


def _fields(line: str, sep: str, **kw) -> list[str]:
    """The fields of one line, or none when the csv module refuses it (a field past its limit)."""
    try:
        return next(csv.reader([line], delimiter=sep, **kw), [])
    except csv.Error:
        return []


# The delimiters a table may use, most usual first (a tie goes to the earlier).
DELIMITERS = (",", "\t", ";", "|")
ANY_DELIMITER = re.compile("[" + "".join(DELIMITERS) + "]")


def sniff_delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] > 0 else ","


def quoted_fields(line: str) -> list[str]:
    """A line's fields as the csv module splits them, quoted ones holding the separator whole
    (a W&B run named "lr=0.1, bs=32"); none when the line quotes nothing or cannot be split."""
    return [c.strip() for c in _fields(line, sniff_delimiter(line))] if '"' in line else []


def split_fields(line: str) -> tuple[str | None, list[str]]:
    """A line's delimiter and its fields; the delimiter is None where the line holds none of CSV's
    (its fields are split by spaces, as ``np.savetxt`` writes them)."""
    if not ANY_DELIMITER.search(line):
        return None, line.split()
    sep = sniff_delimiter(line)
    return sep, [c.strip() for c in line.split(sep)]


def _unclosed_quote(text: str) -> int | None:
    """The 1-based line where a double quote opens that nothing after it closes, if any."""
    opened, inside = None, False
    for number, line in enumerate(text.split("\n"), 1):
        if line.count('"') % 2:
            inside = not inside
            opened = number if inside else None
    return opened


def load_table(path: Path, text: str | None = None, sep: str | None = None, first_line: int = 1) -> pd.DataFrame:
    """Parse a delimited table with a header row; every cell kept as written.

    A file that is a clean table of numbers is read by pyarrow when it is installed
    (see ``load_numeric_table``); any other goes through pandas' C parser and the repairs here.
    ``first_line``: the file's line number of the text's first line (a part of the file, its header's).
    """
    if text is None:
        if is_special(path):  # a FIFO in a log folder: opened, it waits for a writer that may never come
            raise CurvedocError(NOT_REGULAR, path)
        frame = load_numeric_table(path, sep)
        if frame is not None:
            return frame
        text = read_text(path)
    first = text.split("\n", 1)[0]
    sep = sep or sniff_delimiter(first)
    _check_header_size(first, sep, path)
    tensors = ""
    if "tensor(" in text and (shown := TENSOR_REPR.search(text)):
        # A torch scalar written as it prints (``writer.writerow([step, loss])`` with a tensor): its
        # number, a tensor(nan) a logged NaN. Its device after a comma split the row into one too many.
        text, n = TENSOR_REPR.subn(r"\1", text)
        tensors = f"{n} cell{'s' * (n != 1)} written as torch tensors ({shown[0]!r}) read as their numbers"
    parts = _under_new_headers(text, first, sep)
    if parts is not None and not parts[-1].partition("\n")[2].strip():
        # A header written again with no row under it yet (a run appending to the log, caught between
        # its header and its first row): read up to it. Read as a part, the whole log was refused as
        # "header only".
        frame = load_table(path, text="".join(parts[:-1]), sep=sep, first_line=first_line)
        frame.attrs["bare_header"] = True
        return frame
    if parts is not None:
        # A log appended to by a run that logs other columns (CSVLogger(append=True) after a
        # metric was added): each part under its own header, one table, columns aligned by name.
        starts = np.cumsum([first_line] + [part.count("\n") for part in parts[:-1]])
        frames = [load_table(path, text=part, sep=sep, first_line=int(n)) for part, n in zip(parts, starts)]
        frame = pd.concat(frames, ignore_index=True, sort=False)
        for key in ("skipped_rows", "comment_lines"):
            total = sum(f.attrs.get(key, 0) for f in frames)
            if total:
                frame.attrs[key] = total
        narrow = [f.attrs["narrow_rows"] for f in frames if "narrow_rows" in f.attrs]
        if narrow:
            frame.attrs["narrow_rows"] = (sum(n for n, _, _ in narrow), *narrow[0][1:])
        for key, part in (("repeated_names", frames[0]), ("wide_rows", frames[0]), ("cut_last_line", frames[-1])):
            if part.attrs.get(key):
                frame.attrs[key] = part.attrs[key]
        marks = {f.attrs["decimal_mark"] for f in frames if "decimal_mark" in f.attrs}
        if len(marks) == 1:
            frame.attrs["decimal_mark"] = marks.pop()
        names = sorted(c.strip() for c in first.split(sep))
        reordered = sum(sorted(c.strip() for c in part.split("\n", 1)[0].split(sep)) == names for part in parts[1:])
        frame.attrs["new_headers"] = len(parts) - 1 - reordered
        frame.attrs["reordered_headers"] = reordered
        if tensors:
            frame.attrs["tensor_cells"] = tensors
        return frame
    text, cut = _drop_cut_last_line(text, first, sep)
    text, narrow = _set_aside_narrow_rows(text, first, sep, first_line)
    comments = 0
    if "\n#" in text:  # a note written between rows ("# resumed from step 200"): no row of the table
        lines = text.split("\n")
        kept = [lines[0]] + [ln for ln in lines[1:] if not ln.startswith("#")]
        comments, text = len(lines) - len(kept), "\n".join(kept)
    try:
        data = text.encode("utf-8")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", pd.errors.ParserWarning)
            frame = _parse(data, sep)
            if _commas_in_numbers(frame):
                # Whether "3,064" is 3.064 or 3064, and "1.000" 1 or 1000, is told by the numbers of every
                # column: those pandas read as decimals are taken again as written (whole numbers tell nothing).
                written = [i for i, dtype in enumerate(frame.dtypes) if dtype.kind == "f"]
                if written:
                    cells = _parse(data, sep, dtype=str)  # whole rows: with usecols, rows too wide are kept
                    for i in written:
                        frame.isetitem(i, cells.iloc[:, i])
                mark = _decimal_mark([frame.iloc[:, i] for i, dtype in enumerate(frame.dtypes)
                                      if dtype.kind not in "biuf"])
                # A table separated by ";" is written where the comma is the decimal mark (Excel in
                # German, French, Italian...): "10,013" is 10.013 there, where no number tells.
                frame.attrs["decimal_mark"] = "," if mark == "either" and sep == ";" else mark
    except pd.errors.EmptyDataError:
        raise CurvedocError("the file is empty", path) from None
    except (pd.errors.ParserError, ValueError, csv.Error) as err:
        if (line := _unclosed_quote(text)) is not None:
            raise CurvedocError(f"a quote opened on line {line} is never closed", path) from None
        raise CurvedocError(f"not a readable table: {str(err).splitlines()[0]}", path) from None
    if frame.shape[0] == 0:
        # The one data row may have been set aside as cut mid-write: say so, not "header only".
        raise CurvedocError(f"no whole data row: {cut}" if cut else "header only, no data rows", path)
    # A quoted name may run over several lines: those are the header's, not rows the parser dropped.
    header_lines = sum(str(c).count("\n") for c in frame.columns)
    frame.columns, repeated = _column_names(list(frame.columns), text, sep)
    if repeated:
        frame.attrs["repeated_names"] = repeated
    skipped = _skipped_rows(text, frame.shape[0] + header_lines)
    if skipped:
        frame.attrs["skipped_rows"] = skipped
    if cut:
        frame.attrs["cut_last_line"] = cut
    if narrow:
        frame.attrs["narrow_rows"] = narrow
    if tensors:
        frame.attrs["tensor_cells"] = tensors
    if comments:
        frame.attrs["comment_lines"] = comments
    if any(issubclass(w.category, pd.errors.ParserWarning) for w in caught):
        if sep == "," and _split_numbers(text, first):
            raise CurvedocError("every row fills more fields than the header names, as numbers written with a comma "
                                "in them do (1,001.5 or 0,5): quote them, or separate the columns with ';'", path)
        frame.attrs["wide_rows"] = True
    return frame


def _parse(data: bytes, sep: str, **kw) -> pd.DataFrame:
    # Bytes, not a StringIO: pandas' C parser reads them without a Python
    # text layer, about twice as fast and half the memory on 10^6+ rows.
    # index_col=False: rows one field wider than the header (a separator at
    # the end of every line) must not turn the step column into an index.
    return pd.read_csv(io.BytesIO(data), sep=sep, keep_default_na=False, na_values=MISSING_TOKENS, engine="c",
                       skipinitialspace=True, on_bad_lines="skip", low_memory=False, index_col=False, **kw)


def _split_numbers(text: str, first: str, rows: int = 1000) -> bool:
    """Whether every row (of the first ``rows``) fills fields past the header's last as numbers split at
    their thousands separator or decimal comma do: a field of three digits after the first (1,001.5), or
    whole numbers only (0,5 as 0 and 5). Read past, "1,001.5" was a loss of 1 at every step and the run
    "learned nothing". A separator closing each line leaves the extra field empty; a column the header
    leaves unnamed (0,0.5,9) is read with a warning."""
    width = first.count(",") + 1
    lines = [line.rstrip("\r") for line in text.split("\n", rows + 1)[1:rows + 1] if line.strip()]
    rows_split = [line.split(",") for line in lines]
    if len(lines) < MIN_SPLIT_ROWS or not all(len(f) > width and all(x.strip() for x in f[width:]) for f in rows_split):
        return False
    return all(any(_THOUSANDS_GROUP.match(x.strip()) for x in f[1:]) for f in rows_split) or \
        all(x.strip().lstrip("+-").isdigit() for f in rows_split for x in f)


# Rows needed before every one of them filling fields past the header says the numbers were split.
MIN_SPLIT_ROWS = 3
_THOUSANDS_GROUP = re.compile(r"\d{3}(?:\.\d*)?$")


def _commas_in_numbers(frame: pd.DataFrame) -> bool:
    """Whether a column pandas left as text holds a comma between digits (``0,53``, ``"1,000"``)."""
    return any(frame.iloc[:, i].astype("string").str.contains(r"\d,\d", regex=True).any()
               for i, dtype in enumerate(frame.dtypes) if dtype.kind not in "biuf")


# pyarrow parses a table in blocks of this many bytes, on every core: 4 MB was fastest on
# 10^6 and 10^7 rows (1 MB costs more per block, 16 MB leaves cores idle at the end).
ARROW_BLOCK_BYTES = 1 << 22
# A column this large is handed back to the system as soon as it is copied out, so that the
# table and its copy are not both in memory (arrow's allocator would keep the pages otherwise).
RELEASE_BYTES = 1 << 23
# How much of the file's start is looked at to decide whether it is clean (as much as the sniffer reads).
HEAD_BYTES = 65536


def load_numeric_table(path: Path, sep: str | None = None) -> pd.DataFrame | None:
    """A clean table of numbers read by pyarrow; None if pyarrow is missing or the file is not clean.

    Clean: a plain (not gzip) file ending in a line end, a one-line header, and below it
    rows exactly as wide as the header whose cells are numbers (a literal ``nan``/``inf``
    too) or a missing token. That is checked by pyarrow itself, with every column typed
    float64: decimal commas, units, thousands separators, repeated headers, text columns,
    ragged or cut rows and bad bytes all make it refuse the file, and the caller reads
    it with the repairs and warnings of the general path. Most logs are clean, and this
    reads them several times faster with a third of the memory: the file's text is never
    held in memory, and each column's arrow buffers are freed as it is copied out.

    The frame holds float64 columns, NaN where a row did not log the column; a column
    holding a literal NaN is a ``double[pyarrow]`` column instead, whose nulls are the
    cells not logged (``numeric_columns`` tells the two apart).
    """
    try:
        import pyarrow as pa
        import pyarrow.csv as pacsv
    except ImportError:
        return None
    header = _clean_header(path)
    if header is None:
        return None
    sep = sep or sniff_delimiter(header)
    cells = _fields(header, sep, skipinitialspace=True)
    if not cells:
        return None  # a header the csv module cannot split: the slow path says why
    parsed = [c.strip() or f"Unnamed: {i}" for i, c in enumerate(cells)]  # an empty name as pandas names it
    names, repeated = _column_names(parsed, header + "\n", sep)
    keys = [f"f{i}" for i in range(len(names))]  # the header's own names may repeat or be empty
    try:
        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(column_names=keys, skip_rows=1, block_size=ARROW_BLOCK_BYTES),
            parse_options=pacsv.ParseOptions(delimiter=sep),
            convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(keys, pa.float64()),
                                                 null_values=MISSING_TOKENS, strings_can_be_null=True))
    except (pa.ArrowException, ValueError, OSError):  # ArrowInvalid: a cell or a row that is not clean
        return None
    if table.num_rows == 0:
        return None  # header only: the general path says so
    block = np.empty((len(names), table.num_rows))
    columns = table.columns
    del table
    valid_where_nan: dict[int, np.ndarray] = {}
    for j in range(len(names)):
        column, columns[j] = columns[j], None  # its buffers go once it is copied out
        valid = _copy_column(column, block[j])
        if valid is not None:
            valid_where_nan[j] = valid
        if column.nbytes >= RELEASE_BYTES:
            del column
            pa.default_memory_pool().release_unused()
    if valid_where_nan:
        frame = pd.DataFrame({name: block[j] if j not in valid_where_nan else
                              pd.arrays.ArrowExtensionArray(pa.array(block[j], mask=~valid_where_nan[j]))
                              for j, name in enumerate(names)}, copy=False)
    else:
        frame = pd.DataFrame(block.T, columns=names, copy=False)  # one block, no copy
    if repeated:
        frame.attrs["repeated_names"] = repeated
    return frame


# A header of more fields than this (a log of 10^5 columns is read), or naming one field this
# often, is no log's: pandas takes minutes over it (its renaming of repeated names is
# quadratic), and a log never looks so.
MAX_HEADER_FIELDS = 1_000_000
MAX_NAME_REPEATS = 1_000


# A column name longer than this is no metric's name (a W&B panel's are a few hundred characters).
MAX_NAME_CHARS = 10_000


# A first line shorter than this holds at most ~10^4 names: cheap whatever it holds.
LONG_LINE_CHARS = 100_000


def check_spaced_line(line: str, path: Path | None = None) -> None:
    """Refuse a first line split by spaces into more than ``MAX_HEADER_FIELDS`` fields, before it is
    split whole: a 200 MB line of 5x10^7 numbers took 7 GB to split before it was refused. (A line
    holding a delimiter is counted by ``_check_header_size``, once the file is read.)"""
    if len(line) < LONG_LINE_CHARS or ANY_DELIMITER.search(line):
        return
    if line.count(" ") + line.count("\t") < MAX_HEADER_FIELDS:
        return  # no more fields than one past its spaces
    # Split only as far as the limit (what is left over stays one string).
    if len(line.split(None, MAX_HEADER_FIELDS)) > MAX_HEADER_FIELDS:
        raise CurvedocError(f"the first line has more than {MAX_HEADER_FIELDS:,} fields: no header of a training "
                            "log", path)


def _check_header_size(first: str, sep: str, path: Path) -> None:
    if len(first) < LONG_LINE_CHARS:
        return
    n = first.count(sep) + 1  # counted first: a line of 10^7 fields split takes gigabytes
    if n > MAX_HEADER_FIELDS:
        raise CurvedocError(f"the first line has {n:,} fields: no header of a training log", path)
    fields = first.split(sep)
    name, n = Counter(f.strip() for f in fields).most_common(1)[0]
    if n > MAX_NAME_REPEATS:
        raise CurvedocError(f"the first line names {name!r} {n:,} times: no header of a training log", path)
    longest = max(len(f) for f in fields)
    if longest > MAX_NAME_CHARS:
        # Every name is matched against the role and direction patterns, a dozen times a command.
        raise CurvedocError(f"the first line holds a column name of {longest:,} characters: no header of a "
                            "training log", path)


def _clean_header(path: Path) -> str | None:
    """The header line of a plain file that ends in a line end; None for anything else."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(HEAD_BYTES)
            if not head or head.startswith(GZIP_MAGIC) or b"\x00" in head:
                return None
            fh.seek(-1, os.SEEK_END)
            if fh.read(1) != b"\n":
                return None  # a last line that may be cut mid-write
    except OSError:
        return None
    end = head.find(b"\n")
    if end < 0:
        return None  # a header longer than the head (10^4 columns and more): the general path
    try:
        header = head[:end].decode("utf-8-sig").rstrip("\r")
    except UnicodeDecodeError:
        return None
    if not header.strip() or header.count('"') % 2:
        return None  # a blank first line, or a quoted name running over the line end
    return header


def _copy_column(column, out: np.ndarray) -> np.ndarray | None:
    """Copy a float64 arrow column into ``out``, NaN where null.

    Returns None, or, when the column holds a literal NaN, which cells were logged (not null).
    """
    valid = np.ones(len(out), dtype=bool) if column.null_count else None
    start = 0
    for chunk in column.chunks:
        stop = start + len(chunk)
        bitmap, data = chunk.buffers()
        if data is None:
            out[start:stop] = np.nan
        else:
            out[start:stop] = np.frombuffer(data, dtype=np.float64, count=len(chunk), offset=8 * chunk.offset)
        if chunk.null_count:
            bits = np.unpackbits(np.frombuffer(bitmap, dtype=np.uint8), count=chunk.offset + len(chunk),
                                 bitorder="little")[chunk.offset:].view(bool)
            out[start:stop][~bits] = np.nan
            valid[start:stop] = bits
        start = stop
    if column.null_count == len(out):
        return None
    if column.null_count == 0:
        with np.errstate(invalid="ignore", over="ignore"):  # inf + -inf; values near 1e308 add up to inf
            if not np.isnan(out.sum()):
                return None  # no NaN: the sum, one pass and no temporary, would be NaN otherwise
    if np.count_nonzero(np.isnan(out)) == column.null_count:
        return None
    return np.ones(len(out), dtype=bool) if valid is None else valid


def _under_new_headers(text: str, first: str, sep: str) -> list[str] | None:
    """The parts of a table whose header line is written again with other columns, or in another
    order, further down (a line naming the header's first column, no cell a number); None when
    there is none. A resumed run's logger may add a metric, or order its keys anew."""
    lead = first.split(sep, 1)[0].strip()
    if not lead or text_number(lead) is not None:
        return None
    if f"\n{lead}{sep}" not in text and f"{sep}{lead}{sep}" not in text and f"{sep}{lead}\n" not in text:
        return None
    lines = text.split("\n")
    cuts = [i for i, line in enumerate(lines) if i and line.strip() != first.strip()
            and lead in (c.strip() for c in line.split(sep))
            and all(text_number(c.strip().strip('"')) is None for c in line.split(sep))]
    if not cuts:
        return None
    bounds = [0] + cuts + [len(lines)]
    # Every part but the last ends with its line end: a part's last line is whole, not cut mid-write.
    return ["\n".join(lines[a:b]) + ("\n" if b < len(lines) else "") for a, b in zip(bounds, bounds[1:])]


def table_warnings(frame: pd.DataFrame) -> list[str]:
    """What ``load_table`` skipped or renamed, said for the run's warnings."""
    notes = []
    if frame.attrs.get("new_headers"):
        n = frame.attrs["new_headers"]
        notes.append(f"the header is written again with other columns {n} time{'s' * (n != 1)} (a log appended to "
                     "by a run logging other columns): read as one table, columns matched by name")
    if frame.attrs.get("reordered_headers"):
        n = frame.attrs["reordered_headers"]
        notes.append(f"the header is written again in another order {n} time{'s' * (n != 1)} (a resumed run "
                     "ordering its keys anew): each row read under its own header, columns matched by name")
    if frame.attrs.get("bare_header"):
        notes.append("the header is written again at the end with no row under it yet (a run appending to the "
                     "log): read up to it")
    if frame.attrs.get("tensor_cells"):
        notes.append(frame.attrs["tensor_cells"])
    if frame.attrs.get("comment_lines"):
        notes.append(f"{frame.attrs['comment_lines']} comment lines (#) between the rows skipped")
    if frame.attrs.get("skipped_rows"):
        n = frame.attrs["skipped_rows"]
        # Many such rows are rarely damage: Keras' CSVLogger(append=True) writes no second header when
        # the next fit() logs one more key.
        why = "; a run appended with more columns and no header of its own?" if n >= APPENDED_ROWS else ""
        notes.append(f"{n} {ROWS_SKIPPED} (more fields than the header{why})")
    if frame.attrs.get("narrow_rows"):
        n, line, row = frame.attrs["narrow_rows"]
        notes.append(f"{n} {ROWS_SKIPPED} (fewer fields than the header, the first on line {line}: {row!r}; a run "
                     "appended with other columns and no header of its own? Read, their values would fall under "
                     "other columns' names)")
    if frame.attrs.get("cut_last_line"):
        notes.append(frame.attrs["cut_last_line"])
    if frame.attrs.get("wide_rows"):
        notes.append("rows have more fields than the header (a separator at the end of each line?): "
                     "the fields past the header's last column were skipped")
    for column, renamed in frame.attrs.get("repeated_names", {}).items():
        notes.append(f"column name {column!r} appears {len(renamed)} times: read as {', '.join(renamed)}")
    return notes


def _column_names(parsed: list, text: str, sep: str) -> tuple[list[str], dict[str, list[str]]]:
    """Column names as the header writes them (stripped), each made unique.

    pandas renames a repeated name (``loss``, ``loss.1``) and cannot tell it from
    a header that wrote ``loss.1``; names that differ only in spaces collide once
    stripped. So the names are taken from the header record itself (quoted names
    may hold separators, and newlines, read as spaces), and every repeat gets the first free
    ``name.k``. Returns the names and, per repeated name, what its columns are called.
    """
    fallback = [" ".join(str(c).splitlines()).strip() for c in parsed]
    try:
        header = next(csv.reader(_lines(text), delimiter=sep, skipinitialspace=True), [])
        # A name quoted over two lines reads as one with a space (``"train<newline>loss"``).
        written = [" ".join(c.splitlines()).strip().lstrip("\ufeff") for c in header]
    except csv.Error:
        written = []
    if len(written) != len(fallback):
        written = fallback
    names = [w or f for w, f in zip(written, fallback)]  # an empty header cell keeps pandas' "Unnamed: i"
    taken = set(names)
    seen: set[str] = set()
    out: list[str] = []
    repeated: dict[str, list[str]] = {}
    for name in names:
        new, k = name, 0
        while new in seen or (new != name and new in taken):
            k += 1
            new = f"{name}.{k}"
        if new != name:
            repeated.setdefault(name, [name]).append(new)
        seen.add(new)
        out.append(new)
    return out, repeated


def _lines(text: str):
    """The text's lines one at a time (the csv module reads only as many as a record needs)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end + 1
        yield text[start:end]
        start = end


# Why a last line with no line end was left out: read while the file is being written, it may end
# inside a number (0. of 0.5005, step 6 of 600).
UNENDED_LAST_LINE = ("the last line has no line end, so its last value may be cut short (file still being "
                     "written?); skipped")


def _drop_cut_last_line(text: str, header: str, sep: str) -> tuple[str, str]:
    """A last line with no line end may have been cut mid-write: it is dropped rather than read.

    Cut mid-write, it has fewer fields than the header, or all of them with the last
    one a truncated number (``0.`` of ``0.5``, ``12`` of ``1234``): nothing in the
    bytes tells a complete unquoted last value from a cut one. A last value in
    quotes is whole (W&B exports quote every cell and end without a line end), and
    so is an empty one (the cut fell on the separator: a gap, not a wrong number).
    Returns the text to parse and why the last line was dropped ("" if it was not).
    """
    if text.endswith(("\n", "\r")) or "\n" not in text.rstrip("\n"):
        return text, ""  # a CR alone ends a line too (old Mac line ends, mixed in by an editor)
    head, last = text.rsplit("\n", 1)
    fields = _fields(last, sep)
    n_header = len(_fields(header, sep))
    if len(fields) < n_header:
        return head + "\n", "the last line was cut mid-write (file still being written?) and was skipped"
    tail = last.rstrip("\r").rsplit(sep, 1)[-1].strip()
    if tail and not tail.endswith('"'):
        return head + "\n", UNENDED_LAST_LINE
    return text, ""


# A set-aside row is quoted in the warning up to this many characters.
ROW_SHOWN_CHARS = 60


def _set_aside_narrow_rows(text: str, header: str, sep: str, first_line: int) -> tuple[str, tuple | None]:
    """The text without its rows of fewer fields than the header, and how many there were, the first's
    line number and text (None when there are none).

    pandas fills a short row's last columns with NaN, its values under the header's first names. Keras'
    CSVLogger(append=True) writes no header for a next fit() logging other keys: ``20,0.4642,0.001``
    (epoch, loss, lr) under ``epoch,accuracy,loss,...`` read its loss as the accuracy and its LR as the
    loss. Where a short row's fields belong is written nowhere, so it is not read. A sparse log writes
    its rows as wide as the header, with empty cells (Lightning's), or leaves a row's last cells out among
    full rows (a hand-written logger's evaluation rows): both are read from the left, as is a table none
    of whose rows is as wide as the header, there being no row its values would contradict.
    A line of one field (a stray "Killed") puts no value under another column's name, and one holding a
    quote is left to the parser (a quoted cell may hold the separator, or a line end); a short row of
    names is a second table's header, which ``_refuse_another_table`` refuses, so the text is kept whole.
    """
    wanted = len(_fields(header, sep)) - 1  # separators in a whole row
    if wanted < 1 or len(sep) != 1 or not sep.isascii():
        return text, None
    raw = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    ends = np.append(np.flatnonzero(raw == 10), len(raw))
    # Each line's separators: where the line ends among the separators' positions (a tenth of a second
    # and three times the text's size on 10^6 rows, where a regular expression took a second).
    seps = np.diff(np.searchsorted(np.flatnonzero(raw == ord(sep)), ends), prepend=0)
    short = np.flatnonzero((seps[1:] > 0) & (seps[1:] < wanted)) + 1
    full = np.flatnonzero(seps[1:] >= wanted) + 1
    if not len(short) or not len(full) or short[0] < full[-1]:
        # Short rows among full ones are a logger leaving its last cells out (``f"{step},{loss}"``, and
        # ``f"{step},{loss},{val}"`` at an evaluation): read from the left, as written. Only a block of
        # them after the last full row is a run appended in another layout.
        return text, None
    starts = np.concatenate(([0], ends[:-1] + 1))
    rows = []
    for i in short:
        line = raw[starts[i]:ends[i]].tobytes().decode("utf-8").rstrip("\r")
        if line.startswith("#") or '"' in line:
            continue
        if all(text_number(c.strip()) is None for c in line.split(sep)):
            return text, None
        rows.append((int(i), line))
    if not rows:
        return text, None
    lines = text.split("\n")
    dropped = {i for i, _ in rows}
    kept = "\n".join(line for i, line in enumerate(lines) if i not in dropped)
    first, row = rows[0]
    return kept, (len(rows), first_line + first, row[:ROW_SHOWN_CHARS])


_CONTENT_LINE = re.compile(r"^[ \t]*[^\s]", re.MULTILINE)
# How a table's warning says rows were left unread; ``check`` notes it, the run judged without them.
ROWS_SKIPPED = "malformed rows skipped"
# This many rows wider than the header read as a run appended under it, not as damage.
APPENDED_ROWS = 5


def _skipped_rows(text: str, n_rows: int) -> int:
    """Data lines the parser dropped (more fields than the header); cheap unless some were."""
    n_lines = text.count("\n") - text.endswith("\n")
    if n_lines <= n_rows:
        return 0
    return max(sum(1 for _ in _CONTENT_LINE.finditer(text)) - 1 - n_rows, 0)


_DECIMAL_COMMA = re.compile(r"^[-+]?\d*,\d+([eE][-+]?\d+)?$")
_THOUSANDS = re.compile(r"^[-+]?[1-9]\d{0,2}(,\d{3})+(\.\d*)?$")  # "0,975" is no thousands group
# Groups marked by a space (French Excel: a narrow or plain no-break space), an apostrophe (Swiss) or an
# underscore (Python's literals): never a decimal mark, so a comma or point after them is the decimal one.
_SPACED_THOUSANDS = re.compile("^[-+]?[1-9]\\d{0,2}([ \u00a0\u202f'_]\\d{3})+([.,]\\d*)?$")
# A number as written where the comma is the decimal mark (0,53; 1.000; 1.000,5), and where the point is
# (0.53; 1,000; 1,000.5). "3,064" and "1.000" fit both; "0,100", "1.000.000", "0.53" and "1,000.5" one only.
_COMMA_FORMS = re.compile(r"[-+]?(\d*,\d+([eE][-+]?\d+)?|[1-9]\d{0,2}(\.\d{3})+(,\d*)?)")
_POINT_FORMS = re.compile(r"[-+]?(\d*\.\d+([eE][-+]?\d+)?|[1-9]\d{0,2}(,\d{3})+(\.\d*)?)")
# Digits before and after the point in one way only: "\d+\.?\d*" splits a run of digits every
# way it can, and a 20 MB cell of digits would take hours to fail.
_UNIT = re.compile(r"^([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)\s*([A-Za-z%µ/]+)$")
_EMPHASIS = re.compile(r"^\*{1,2}([^*]+)\*{1,2}$")


def _decimal_mark(columns: list[pd.Series]) -> str:
    """The decimal mark a table's cells show, for all its columns (a file writes one convention).

    "," when some number reads only with a decimal comma and none only with a decimal point;
    "either" when no number tells (every comma or dot in them fits both readings); "." otherwise,
    a table that mixes both included (each column is then read on its own, as written).
    """
    comma_only = point_only = False
    for column in columns:
        cells = column.astype("string").str.strip()
        comma = cells.str.fullmatch(_COMMA_FORMS).fillna(False).to_numpy(dtype=bool)
        point = cells.str.fullmatch(_POINT_FORMS).fillna(False).to_numpy(dtype=bool)
        comma_only |= bool((comma & ~point).any())
        point_only |= bool((point & ~comma).any())
    if comma_only and not point_only:
        return ","
    return "either" if not comma_only and not point_only else "."


def numeric_columns(frame: pd.DataFrame, warnings: list[str] | None = None
                    ) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """Split a raw table into float values, literal-NaN flags, and dropped text columns.

    A column whose cells mostly fail to parse as numbers is text (a run name,
    a regime label) and is dropped; its name is returned so the caller can say so.
    Cells written for people are read as they mean: decimal commas (``0,53``),
    thousands separators (``1,000``), a unit shared by the column (``0.5s``). Where the
    table's ``decimal_mark`` (``load_table``'s) is the comma, every column is read so, a dot
    between digit groups (``1.000``) being a thousands separator.
    Rows that repeat the header (logs concatenated) are dropped. What is
    changed or skipped is said in ``warnings``.
    """
    notes = warnings if warnings is not None else []
    frame = _drop_repeated_headers(frame, notes)
    n_rows, n_cols = frame.shape
    # Columns pandas already parsed as numbers are converted in one block: a log
    # may have 10^5 columns, and a column at a time costs far more than the data.
    numeric = np.array([dtype.kind in "biuf" for dtype in frame.dtypes], dtype=bool)
    # A double[pyarrow] column (load_numeric_table's) keeps a literal NaN apart from a null.
    arrow = np.array([isinstance(dtype, pd.ArrowDtype) for dtype in frame.dtypes], dtype=bool) & numeric
    na_value = {"na_value": np.nan} if arrow.any() else {}  # only then: it makes pandas copy
    # Column-major, as pandas keeps a frame's columns: work along a column is then contiguous.
    values = np.empty((n_cols, n_rows), dtype="float64").T
    if numeric.all():
        values = frame.to_numpy(dtype="float64", **na_value)  # a view when the frame is one float block
    elif numeric.any():
        values[:, numeric] = frame.iloc[:, np.flatnonzero(numeric)].to_numpy(dtype="float64", **na_value)
    nans = np.zeros((n_cols, n_rows), dtype=bool).T
    for i in np.flatnonzero(arrow):
        nans[:, i] = np.isnan(values[:, i]) & frame.iloc[:, i].notna().to_numpy(dtype=bool)
    keep = numeric.copy()
    dropped: list[str] = []
    mark = frame.attrs.get("decimal_mark", ".")
    for i in np.flatnonzero(~numeric):
        name = frame.columns[i]
        text = frame.iloc[:, i].astype("string").str.strip()
        if mark == ",":
            text, how = _with_decimal_points(text)
            if how:
                notes.append(f"column {name!r}: {how}")
        if text.str.startswith("*").any():
            # A Markdown table's best value set in bold (``**0.1843**``): the cell a person marks is no text.
            text = text.str.replace(_EMPHASIS, r"\1", regex=True)
        parsed = pd.to_numeric(text, errors="coerce").to_numpy(dtype="float64")
        lower = text.str.lower()
        is_nan = lower.isin(NAN_TOKENS).fillna(False).to_numpy(dtype=bool)
        is_inf = lower.isin(INF_TOKENS).fillna(False).to_numpy(dtype=bool)
        if is_inf.any():
            parsed[is_inf] = lower[is_inf].map(INF_TOKENS).to_numpy(dtype="float64")
        present = text.notna().to_numpy(dtype=bool)
        ok = ~np.isnan(parsed) | is_nan
        if present.sum() and not ok[present].all():
            parsed, how = _read_human_numbers(text, parsed, ok & present, undecided=mark == "either")
            if how:
                notes.append(f"column {name!r}: {how}")
            ok = ~np.isnan(parsed) | is_nan
        if present.sum() == 0 or ok[present].mean() < 0.5:
            dropped.append(name)
            continue
        bad = int((present & ~ok).sum())
        if bad:
            notes.append(f"column {name!r}: {bad} non-numeric cell{'s' * (bad != 1)} treated as not logged")
        values[:, i] = parsed
        nans[:, i] = is_nan
        keep[i] = True
    columns = [c for c, k in zip(frame.columns, keep) if k]
    if not keep.all():  # selecting columns copies: only when some go
        values, nans = values[:, keep], nans[:, keep]
    value_frame = pd.DataFrame(values, index=frame.index, columns=columns, copy=False)
    nan_frame = pd.DataFrame(nans, index=frame.index, columns=columns, copy=False)
    return value_frame, nan_frame, dropped


def _drop_repeated_headers(frame: pd.DataFrame, notes: list[str]) -> pd.DataFrame:
    text_cols = [i for i, dtype in enumerate(frame.dtypes) if dtype.kind not in "biuf"]
    if not text_cols or len(frame.columns) < 2:
        return frame
    same = np.zeros(len(frame), dtype=int)
    for i in text_cols:
        cells = frame.iloc[:, i].astype("string").str.strip()
        same += (cells == frame.columns[i]).fillna(False).to_numpy(dtype=int)
    repeated = same >= max(2, len(frame.columns) // 2)
    _refuse_another_table(frame, text_cols, repeated)
    if not repeated.any():
        return frame
    notes.append(f"{int(repeated.sum())} repeated header row{'s' * (int(repeated.sum()) != 1)} skipped")
    return frame[~repeated]


def _refuse_another_table(frame: pd.DataFrame, text_cols: list[int], repeated: np.ndarray) -> None:
    """A row of names, none the header's, with rows after it: a second table written under the first
    (two logs concatenated). Read on, its cells fell under the first table's columns by position (an
    accuracy read as the epoch, a counter as the LR, "lr rising 1-299") and the first run's points
    were replaced as a resume's."""
    if len(text_cols) < 2:
        return
    # No number anywhere in it (a run's text columns, its optimiser's name beside its losses, are no
    # header); only those rows are read further, which on most logs is none.
    numbers = [i for i in range(len(frame.columns)) if i not in text_cols]
    blank = frame.iloc[:, numbers].isna().all(axis=1).to_numpy() if numbers else np.ones(len(frame), dtype=bool)
    rows = np.flatnonzero(blank & ~repeated)
    rows = rows[rows < len(frame) - 1]
    if not len(rows):
        return
    cells = frame.iloc[rows, text_cols].astype("string").apply(lambda c: c.str.strip())
    named = cells.apply(lambda c: c.str.fullmatch(NAME_CELL) & ~c.str.lower().isin(NOT_NAMES)) \
        .fillna(False).to_numpy(dtype=bool)
    filled = cells.notna().to_numpy() & (cells != "").fillna(False).to_numpy(dtype=bool)
    # Names in every cell it fills.
    others = frame.columns.astype(str).str.strip()
    for j in np.flatnonzero((named.sum(axis=1) >= 2) & (named == filled).all(axis=1)):
        i = int(rows[j])
        row = [str(v) for v in cells.iloc[j] if pd.notna(v) and str(v)]
        if not set(row) & set(others):
            raise CurvedocError(f"a second table, with other columns ({', '.join(row[:6])}), starts at data row "
                                f"{i + 1}: two logs written into one file? Pass each as a file of its own")


# A cell that reads as a column's name: a word, with dots, slashes and dashes inside, but not a missing value's.
NAME_CELL = r"[A-Za-z_][\w./\-]*"
NOT_NAMES = ("nan", "inf", "infinity", "none", "null", "na", "n/a")


def _with_decimal_points(text: pd.Series) -> tuple[pd.Series, str]:
    """A column of a table written with decimal commas, its numbers rewritten with decimal points
    (``1.000,5`` as ``1000.5``); returns the cells and what was done."""
    fits = text.str.fullmatch(_COMMA_FORMS).fillna(False).to_numpy(dtype=bool)
    if not fits.any():
        return text, ""
    written = text[fits]
    commas = bool(written.str.contains(",", regex=False).any())
    dots = bool(written.str.contains(".", regex=False).any())
    text = text.mask(fits, written.str.replace(".", "", regex=False).str.replace(",", ".", regex=False))
    if commas and dots:
        return text, "decimal commas read as decimal points, dots as thousands separators"
    if commas:
        return text, "decimal commas read as decimal points"
    return text, "dots read as thousands separators (the file writes decimal commas)"


def _read_human_numbers(text: pd.Series, parsed: np.ndarray, ok: np.ndarray,
                        undecided: bool = False) -> tuple[np.ndarray, str]:
    """Second reading of cells that failed as plain numbers; returns the values and what was done.

    ``undecided``: no number in the table tells a decimal comma from a thousands separator.
    """
    failed = text[~ok & text.notna().to_numpy(dtype=bool)]
    sample = failed.dropna()
    if sample.empty:
        return parsed, ""
    if sample.str.match(_DECIMAL_COMMA).all() and not sample.str.match(_THOUSANDS).all():
        fixed = pd.to_numeric(text.str.replace(",", ".", regex=False), errors="coerce").to_numpy(dtype="float64")
        return np.where(np.isnan(parsed), fixed, parsed), "decimal commas read as decimal points"
    if sample.str.match(_SPACED_THOUSANDS).all():
        plain = text.str.replace("[ \u00a0\u202f'_]", "", regex=True).str.replace(",", ".", regex=False)
        fixed = pd.to_numeric(plain, errors="coerce").to_numpy(dtype="float64")
        return np.where(np.isnan(parsed), fixed, parsed), "thousands separators removed"
    if sample.str.match(_THOUSANDS).all():
        fixed = pd.to_numeric(text.str.replace(",", "", regex=False), errors="coerce").to_numpy(dtype="float64")
        how = "thousands separators removed"
        if undecided and sample.str.match(_DECIMAL_COMMA).all():
            cell = sample.iloc[0]
            how += (f" ({cell!r} read as {cell.replace(',', '')}, not {cell.replace(',', '.')}: no number in the "
                    "file tells a thousands separator from a decimal comma)")
        return np.where(np.isnan(parsed), fixed, parsed), how
    units = sample.str.extract(_UNIT)
    if units[0].notna().all() and units[1].nunique() == 1:
        unit = units[1].iloc[0]
        if unit in _SMALL_PREFIXES:  # milli, or minutes? micro? Read as neither: the column is not read
            return parsed, f"{unit!r} after every number (milli? minutes?) not guessed"
        stripped = text.str.extract(_UNIT)[0]
        fixed = pd.to_numeric(stripped, errors="coerce").to_numpy(dtype="float64")
        if unit in _MULTIPLIERS:
            # A multiplier, not a unit: 300k steps are 300,000 (read as 300, every step was 1000x off).
            return np.where(np.isnan(parsed), fixed * _MULTIPLIERS[unit], parsed), \
                f"{unit!r} read as x{_MULTIPLIERS[unit]:g}"
        return np.where(np.isnan(parsed), fixed, parsed), f"unit {unit!r} stripped"
    return parsed, ""


# Letters after a number that scale it (1k steps, 0.5M tokens, 7B parameters) ...
_MULTIPLIERS = {"k": 1e3, "K": 1e3, "M": 1e6, "G": 1e9, "B": 1e9, "T": 1e12}
# ... and those that would shrink it, or name a unit as well (100m: 0.1, or 100 minutes?).
_SMALL_PREFIXES = {"m", "u", "µ", "n"}


def find_step_column(columns: list[str]) -> str | None:
    lowered = {c.lower(): c for c in columns}
    for name in STEP_NAMES:
        if name in lowered:
            return lowered[name]
    return None


# A table of records by keys past this many cells is built without the keys too rarely logged to be
# a series: 20,000 records each with a key of its own made 4x10^8 cells and 7.5 GB.
CELL_BUDGET = 20_000_000
# Fewer values than this are no curve to analyse (detect's ``min_points``).
FEW_VALUES = 8


def records_to_table(rows: list[int], keys: list[str], vals: list[float], n_rows: int,
                     warnings: list[str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Long ``(row, key, value)`` triples (JSON records, text lines) to values and literal-NaN flags.

    Columns come in order of first appearance; a key logged twice in one row keeps the last value.
    Past ``CELL_BUDGET`` cells the keys logged fewer than ``FEW_VALUES`` times are left out, and
    ``warnings`` says so.
    """
    codes, names = pd.factorize(pd.Index(keys, dtype=object), sort=False)
    r = np.asarray(rows, dtype=np.int64)
    v = np.asarray(vals, dtype="float64")
    if n_rows * len(names) > CELL_BUDGET:
        counts = np.bincount(codes, minlength=len(names))
        kept = counts >= FEW_VALUES
        if not kept.all():
            dropped = [str(n) for n in names[~kept]]
            if warnings is not None:
                warnings.append(f"{len(dropped)} keys logged fewer than {FEW_VALUES} times each left out "
                                f"(too many to tabulate beside {n_rows} records): {few(dropped)}")
            new_code = np.cumsum(kept) - 1
            keep = kept[codes]
            codes, r, v, names = new_code[codes[keep]], r[keep], v[keep], names[kept]
    values = np.full((n_rows, len(names)), np.nan)
    present = np.zeros((n_rows, len(names)), bool)
    values[r, codes] = v
    present[r, codes] = True
    columns = [valid_text(str(c)) for c in names]
    logged_nan = present & np.isnan(values)
    return pd.DataFrame(values, columns=columns), pd.DataFrame(logged_nan, columns=columns)


def flat_items(record: dict):
    """A record's keys and values, a nested dict's keys joined with dots as W&B shows them
    (``run.log({"train": {"loss": l}})`` charts ``train.loss``); a media or histogram value,
    a dict with a ``_type``, stays whole."""
    for key, value in record.items():
        if type(value) is dict and value and "_type" not in value:
            for inner, leaf in flat_items(value):
                yield f"{key}.{inner}", leaf
        else:
            yield key, value


def json_number(value) -> float | None:
    """A JSON/Python value as a float if it is a number, or a string that writes one, else None."""
    kind = type(value)
    if kind is float:
        return value
    if kind is int:
        # Past the float range it is infinite, as 1e400 reads: dropped, a blown-up loss went unsaid.
        return float(value) if -_INT_LIMIT < value < _INT_LIMIT else (math.inf if value > 0 else -math.inf)
    if kind is str:
        return text_number(value)
    return None


_INT_LIMIT = 2**1023


def non_numeric_notes(not_numbers: dict[str, int], columns) -> list[str]:
    """Warnings for a series' values written as strings that are no number (a key never numeric is no series)."""
    return [f"{n} non-numeric value{'s' * (n != 1)} of {key} skipped"
            for key, n in not_numbers.items() if key in columns]


# Prose lines a script prints above its CSV (a title, "Starting training...") that are skipped;
# more than this and the file is no table with a banner. Unsloth's banner is five lines, and a notebook's
# Trainer prints its progress line under it, above its table.
MAX_LEAD_LINES = 8
_NAME_CELL = re.compile(r"[A-Za-z_][\w./\- ()%]*")


def table_under_lines(text: str) -> tuple[int, list[str]] | None:
    """A CSV table below a few lines of prose: how many non-empty lines come before its header,
    and those lines. The header is names split by ``,``, tab or ``;``, over rows of as many cells,
    most of them numbers; the lines above it are not rows of that table. None for a table that
    starts on its first line, or for no table."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()][: MAX_LEAD_LINES + 6]
    for k in range(1, min(MAX_LEAD_LINES, len(lines) - 2) + 1):
        header = lines[k].lstrip("\ufeff")
        sep = max((",", "\t", ";"), key=header.count)
        cols = [c.strip().strip('"') for c in header.split(sep)]
        if len(cols) < 2 or not all(_NAME_CELL.fullmatch(c) for c in cols):
            continue
        rows = [r.split(sep) for r in lines[k + 1: k + 6]]
        cells = [c.strip().strip('"') for r in rows for c in r]
        if len(rows) < 2 or any(len(r) != len(cols) for r in rows):
            continue
        if sum(text_number(c) is not None or c == "" for c in cells) < 0.8 * len(cells):
            continue
        if any(len(ln.split(sep)) == len(cols) for ln in lines[:k]):
            return None  # the lines above split as the table does: part of it, not a banner
        if "\n".join(lines[:k + 1]).count('"') % 2 == 0 and lines[k].count('"') % 2:
            return None  # a quoted name over two lines (``step,"train<newline>loss"``): the header itself
        return k, lines[:k]
    return None


def plain_table_under_lines(text: str, path: Path | None = None) -> tuple[int, list[str]] | None:
    """A table split by spaces (``plain_table``'s) below a few printed lines: how many non-empty lines come
    before its header, and those lines (as ``table_under_lines`` for a delimited one). fastai's fit table
    under the "Total time: 02:40" of the fit before it was refused as a text log with no record. None when the lines
    above split as the table does (its own rows), or for no such table."""
    lines = text.splitlines(keepends=True)
    filled = [i for i, ln in enumerate(lines) if ln.strip()]
    for k in range(1, min(MAX_LEAD_LINES, len(filled) - 3) + 1):
        header = lines[filled[k]].strip()
        if header.startswith("#") or not maybe_plain_table(header) or set(header) <= {"-", " ", "\t"}:
            continue  # a comment, or the rule under a header (spaCy's table: the text reader's)
        if plain_table("".join(lines[filled[k]:]), path) is None:
            continue
        width = len(header.split())
        lead = [lines[i].strip() for i in filled[:k]]
        if any(len(ln.split()) == width and _row_cells(ln.split()) for ln in lead):
            return None  # a row of the table above its header: no banner
        return k, lead
    return None


def maybe_plain_table(first_line: str) -> bool:
    """Whether a file's first line may open a table ``plain_table`` reads: a comment, several
    fields and none of CSV's delimiters, or tabs and spaces both between its names."""
    sep, fields = split_fields(first_line)
    return first_line.startswith("#") or (sep is None and len(fields) > 1) or _tabs_and_spaces(sep, fields)


def _tabs_and_spaces(sep: str | None, fields: list[str]) -> bool:
    """Whether a tab-delimited line's fields hold spaces too (``step   loss<TAB>lr``): columns
    aligned by hand, or a TSV whose names have spaces in them, which ``plain_table`` tells apart."""
    return sep == "\t" and any(len(f.split()) > 1 for f in fields)


_CLOCK_CELL = re.compile(r"\d+:\d\d(:\d\d)?(\.\d+)?")


def _row_cells(cells: list[str]) -> bool:
    """Whether cells are a row of a table of numbers: numbers, or a time column as fastai's fit table prints
    it (``00:12``), a cell the table reader skips."""
    return all(text_number(c) is not None or _CLOCK_CELL.fullmatch(c) for c in cells)


def plain_table(text: str, path: Path | None = None) -> tuple[str, str | None] | None:
    """A table written without CSV's conventions, as CSV text and what was read differently: columns
    split by spaces (``np.savetxt``'s default, aligned columns), or a table under ``#`` comment
    lines, whose last one may be its header (``np.savetxt(..., header="step loss")``). None for
    anything else, an ordinary CSV included. Delimited lines are passed on as written, for the
    table reader's own delimiter sniffing and repairs. ``path`` names the file in a refusal (a first
    line of millions of fields)."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    comments = []
    while lines and lines[0].startswith("#"):
        comments.append(lines.pop(0).lstrip("#").strip())
    if not lines:
        return None
    check_spaced_line(lines[0], path)
    sep, fields = split_fields(lines[0])
    # Tabs and runs of spaces mixed between the columns: split by any whitespace, where the header
    # and the rows then split alike into numbers (a TSV whose names hold spaces does not), a fit table's
    # clock times among them (fastai's, pasted from a notebook: "epoch   train_loss<TAB>valid_loss<TAB>
    # ...<TAB>time", read by tabs, put each name over the next column's values).
    spaced = sep is None or (_tabs_and_spaces(sep, fields) and len(lines) > 1 and all(
        len(ln.split()) == len(lines[0].split()) and _row_cells(ln.split()) for ln in lines[1:6]))
    if not spaced and not comments:
        return None

    def split(line: str) -> list[str]:
        return line.split() if spaced else [c.strip() for c in line.split(sep)]

    first = split(lines[0])
    if _row_cells(first):
        header = split(comments[-1]) if comments else []
        body, note = lines, f"the header is the comment line {('# ' + comments[-1])!r} (np.savetxt)" if comments else ""
    else:
        header, body, note = first, lines[1:], "comment lines before the header skipped" if comments else ""
    if not header or len(header) != len(first) or any(text_number(c) is not None for c in header) \
            or (spaced and len(header) < 2 and not comments):
        return None
    body = [ln for ln in body if not ln.startswith("#")]
    if not all(len(split(ln)) == len(header) and _row_cells(split(ln)) for ln in body[:5]):
        return None
    if spaced:
        note = "; ".join(n for n in (note, "columns split by spaces") if n)
        header, body = [",".join(header)], [",".join(split(ln)) for ln in body]
    else:
        header = [sep.join(header)]
    return "\n".join(header + body) + "\n", note or None


def text_number(text: str) -> float | None:
    """A number written as text (``"0.53"``, ``"NaN"``, ``"-Infinity"``, C runtimes' ``-nan(ind)``), else None."""
    try:
        return float(text)
    except ValueError:
        word = text.strip().lower().removeprefix("+")
        if word in NAN_TOKENS:
            return float("nan")
        return float(INF_TOKENS[word]) if word in INF_TOKENS else None
