"""File access shared by the readers: safe opening, first bytes, text decoding."""

from __future__ import annotations

import codecs
import gc
import gzip
import io
import json
import os
import re
import stat
import zlib
from contextlib import contextmanager
from pathlib import Path

from curvedoc.errors import CurvedocError

GZIP_MAGIC = b"\x1f\x8b"
# First bytes of a Parquet table, of a NumPy .npy array, and of a zip (an .npz holds its arrays in one).
PARQUET_MAGIC = b"PAR1"
SQLITE_MAGIC = b"SQLite format 3\x00"  # MLflow 3's default store, mlflow.db
NPY_MAGIC = b"\x93NUMPY"
ZIP_MAGIC = b"PK"
# A pickle opens with its protocol (2-5): DataFrame.to_pickle, joblib.dump, torch.save's old format.
PICKLE_HEADS = (b"\x80\x02", b"\x80\x03", b"\x80\x04", b"\x80\x05")
GZIP_CUT = "the gzip stream is cut short (truncated file)"
LFS_POINTER = b"version https://git-lfs.github.com/spec/v1"
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# A gzip that inflates past this many MB is refused rather than read into memory
# (a zip bomb of zeros); the user can raise it for genuinely huge logs.
MAX_INFLATED_MB = 512
INFLATED_ENV = "CURVEDOC_MAX_INFLATED_MB"
# What a damaged gzip stream raises: a bad header, a bad block, a bad checksum.
GZIP_ERRORS = (OSError, gzip.BadGzipFile, zlib.error)
NOT_REGULAR = "not a regular file (a pipe, device or socket cannot be read as a log)"


def max_inflated_mb() -> int:
    raw = os.environ.get(INFLATED_ENV)
    if raw is None:
        return MAX_INFLATED_MB
    try:
        mb = int(raw)
    except ValueError:
        mb = 0
    if mb <= 0:
        raise CurvedocError(f"{INFLATED_ENV} must be a whole number of megabytes above 0, not {raw!r}")
    return mb


def walk(top: Path, onerror=None):
    """``os.walk`` through links to folders, as TensorBoard's logdir loader goes (runs linked into a
    folder to compare them), each folder once: a link back up, or a second link to one run, adds
    nothing."""
    seen: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(top, onerror=onerror, followlinks=True):
        real = os.path.realpath(dirpath)
        if real in seen:
            dirnames.clear()
            continue
        seen.add(real)
        dirnames.sort()
        yield dirpath, dirnames, filenames


def resolved(path: Path) -> Path:
    """``path.resolve()``, with a symlink loop (RuntimeError before Python 3.13) as one error line."""
    try:
        return path.resolve()
    except (RuntimeError, OSError) as err:
        reason = getattr(err, "strerror", None) or "Too many levels of symbolic links"
        raise CurvedocError(f"cannot read: {reason}", path) from None


def check_readable_file(path: Path) -> None:
    """Refuse what is not a regular, readable file, with a reason the user can act on."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise CurvedocError("no such file or directory", path) from None
    except OSError as err:
        raise CurvedocError(f"cannot read: {err.strerror or err}", path) from None
    if not stat.S_ISREG(st.st_mode):
        raise CurvedocError(NOT_REGULAR, path, lasting=True)
    if not os.access(path, os.R_OK):
        raise CurvedocError("permission denied", path)
    if st.st_size == 0 and not _holds_a_byte(path):  # /proc and some FUSE files report size 0
        raise CurvedocError("the file is empty", path)


def is_special(path: Path) -> bool:
    """A pipe, device or socket: opened to be read, a FIFO waits for a writer that may never come and
    /dev/zero never ends, so a file found inside a log folder is looked at before it is opened."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False  # missing or unreadable: the open says why
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def is_file_or_special(path: Path) -> bool:
    """A file, or a pipe or device in its place: a reader that lists a folder takes it, so that
    reading it names it as such rather than passing over it as absent."""
    return path.is_file() or is_special(path)


def _holds_a_byte(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return bool(fh.read(1))
    except OSError:
        return False


def is_gzip(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(2) == GZIP_MAGIC


def head_bytes(path: Path, n: int = 65536) -> bytes:
    """The first ``n`` bytes of the file's content, inflated if it is gzip."""
    try:
        if is_gzip(path):
            return _inflate(path, head=n)
        with open(path, "rb") as fh:
            return fh.read(n)
    except EOFError:
        raise CurvedocError(GZIP_CUT, path) from None
    except GZIP_ERRORS as err:
        raise CurvedocError(_gzip_error(err), path) from None


def read_bytes(path: Path) -> bytes:
    """The whole content, inflated if gzip, with a bound on inflated size."""
    if is_special(path):
        raise CurvedocError(NOT_REGULAR, path, lasting=True)
    try:
        if not is_gzip(path):
            return _without_long_nul_tail(path)
        return _inflate(path)
    except EOFError:
        raise CurvedocError(GZIP_CUT, path) from None
    except GZIP_ERRORS as err:
        raise CurvedocError(_gzip_error(err), path) from None


# A file ending in NUL bytes (the space a crashed writer or a preallocating filesystem left,
# or a sparse file) is read up to its last other byte and this many NULs: a tail of gigabytes
# of nothing is not held in memory, and the readers still see, and say, that the file had one.
NUL_TAIL_KEPT = 4096
NUL_SCAN_CHUNK = 1 << 20


def _without_long_nul_tail(path: Path) -> bytes:
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        if size <= 2 * NUL_SCAN_CHUNK:
            return fh.read()
        fh.seek(size - NUL_TAIL_KEPT)
        if fh.read(NUL_TAIL_KEPT).strip(b"\0"):
            fh.seek(0)
            return fh.read()
        end = size
        try:  # a sparse file's tail is a hole: where it starts, with no data after it
            hole = os.lseek(fh.fileno(), 0, os.SEEK_HOLE)
            if hole < size:
                try:
                    os.lseek(fh.fileno(), hole, os.SEEK_DATA)
                except OSError:
                    end = hole
        except (AttributeError, OSError):
            pass
        while end > 0:
            start = max(0, end - NUL_SCAN_CHUNK)
            fh.seek(start)
            content = fh.read(end - start).rstrip(b"\0")
            if content:
                end = start + len(content)
                break
            end = start
        fh.seek(0)
        return fh.read(min(size, end + NUL_TAIL_KEPT))


def refuse_inflated(nbytes: int, path: Path) -> None:
    """A compressed log (an .npz archive, a Parquet table) whose content, by its own header, would
    take more than the inflation budget in memory: refused before it is read, as a gzip is while it
    inflates. A 380 KB .npz of zeros took 2.6 GB, a 2.3 MB one all the machine's memory."""
    limit = max_inflated_mb() << 20
    if nbytes > limit:
        raise CurvedocError(f"inflates to more than {limit >> 20} MB ({nbytes >> 20:,} MB by its header); set "
                            f"{INFLATED_ENV} to read it anyway", path)


def _gzip_error(err: Exception) -> str:
    if isinstance(err, (gzip.BadGzipFile, zlib.error)):
        return "a damaged gzip stream (`gzip -t` on the file says more)"
    return f"cannot read: {getattr(err, 'strerror', None) or err}"


def _inflate(path: Path, head: int | None = None) -> bytes:
    """A gzip file's content, or its first ``head`` bytes. Bytes after the last stream that
    start no other (a file a copy left junk after) are ignored, as gunzip ignores them."""
    limit = max_inflated_mb() << 20
    out = io.BytesIO()
    with gzip.open(path, "rb") as fh:
        try:
            while chunk := fh.read1(1 << 20 if head is None else head - out.tell()):
                out.write(chunk)
                if head is not None and out.tell() >= head:
                    break
                if out.tell() > limit:
                    raise CurvedocError(f"inflates to more than {limit >> 20} MB; set {INFLATED_ENV} to read it "
                                        "anyway", path)
        except gzip.BadGzipFile as err:
            if not out.tell() or not str(err).startswith("Not a gzipped file"):
                raise
            if head is None:
                _damage_notes.append((path, "bytes after the end of the gzip stream ignored"))
    return out.getvalue()


def read_text(path: Path, nul_tail: bool = False) -> str:
    """The content as text: UTF-8, or UTF-16 with its BOM (PowerShell's ``>``); a BOM is dropped.
    Lines holding NUL bytes are left out and noted (see ``take_damage_notes``); with ``nul_tail``,
    NUL bytes that end the file are dropped first."""
    data = read_bytes(path)
    if (text := utf16_text(data, path)) is not None:
        if "\x00" in text:
            # As in UTF-8: a damaged line had lost its step and put its value on the line before's.
            text = _without_nul_lines(text.encode("utf-8"), path).decode("utf-8")
        return text
    if nul_tail:
        data = data.rstrip(b"\x00")
    if data.endswith(b"\n\x1a"):  # DOS's end-of-file mark after the last line: no line cut short
        data = data[:-1]
    if b"\x00" in data:
        data = _without_nul_lines(data, path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        text, bad = lenient_text(data, err, path)
        if bad is None:
            _damage_notes.append((path, LEGACY_NOTE))
            return text
        where = f"line {bad[0] + 1}" if len(bad) == 1 else f"first at line {bad[0] + 1}"
        _damage_notes.append((path, f"{len(bad)} line{'s' * (len(bad) != 1)} holding bytes that are not UTF-8 "
                                    f"read with them replaced ({where}; a character of another encoding, such as "
                                    "Windows-1252's quotes?)"))
        return text


# Lines holding bytes that are not UTF-8 are read with them replaced while they are at most this share.
NON_UTF8_LINE_SHARE = 0.1


def lenient_text(data: bytes, err: UnicodeDecodeError, path: Path) -> tuple[str, list[int] | None]:
    """Text in which a few lines hold a stray byte of another encoding (a console log with one
    Windows-1252 quote, a comment in Latin-1 under a table), those bytes replaced, and the 0-based
    numbers of those lines. More, and the whole file is read in Windows-1252 (None for the lines),
    as Excel on Windows saves a CSV with accented column names; text that is not even that (control
    bytes: a binary file) is refused as not UTF-8."""
    lines = data.split(b"\n")
    bad = []
    ascii_otherwise = True
    for k, line in enumerate(lines):
        try:
            line.decode("utf-8")
            ascii_otherwise = ascii_otherwise and line.isascii()
        except UnicodeDecodeError:
            bad.append(k)
            if len(bad) > NON_UTF8_LINE_SHARE * len(lines):
                text = _legacy_text(data)
                if text is None:
                    raise CurvedocError(f"not UTF-8 text (byte {err.start} is invalid)", path) from None
                return text, None
    if ascii_otherwise and all(_legacy_words(lines[k]) for k in bad):
        # Excel's CSV with an accented column name and ASCII rows: replaced, Präzision became Pr?zision
        # and --metric could not name it.
        text = _legacy_text(data)
        if text is not None:
            return text, None
    return data.decode("utf-8-sig", errors="replace"), bad


def _legacy_words(line: bytes) -> bool:
    """Whether the line's bytes past ASCII are, in Windows-1252, letters within words (Präzision, Größe).
    Bytes between digits (a damaged row) or quotes are no word: they are replaced, and said."""
    try:
        text = line.decode("cp1252")
    except UnicodeDecodeError:
        return False
    for run in _NON_ASCII.finditer(text):
        before, after = text[run.start() - 1:run.start()], text[run.end():run.end() + 1]
        if not run.group().isalpha() or not any(c.isascii() and c.isalpha() for c in before + after):
            return False
    return True


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
LEGACY_NOTE = "not UTF-8: read as Windows-1252 (Latin-1), the encoding Excel on Windows saves a CSV in"
# Control characters a text file holds besides tab, line ends, form feed and DOS's end-of-file mark.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x19\x1b-\x1f\x7f]")


def _legacy_text(data: bytes) -> str | None:
    """The bytes as Windows-1252 text (Latin-1 where it leaves a byte undefined), or None when that
    holds control characters: binary data, not text in another encoding."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return None if _CONTROL.search(text) else text


# What read_text left out of damaged files since the notes were last taken: the registry adds
# them to the warnings of the runs it read.
_damage_notes: list[tuple[Path, str]] = []


def take_damage_notes() -> list[tuple[Path, str]]:
    """The (file, note) pairs recorded since the last call, and forget them."""
    notes = _damage_notes[:]
    _damage_notes.clear()
    return notes


def _without_nul_lines(data: bytes, path: Path) -> bytes:
    text, bad = without_nul_lines(data, path)
    where = f"line {bad[0] + 1}" if len(bad) == 1 else f"first at line {bad[0] + 1}"
    _damage_notes.append((path, f"{len(bad)} line{'s' * (len(bad) != 1)} with NUL bytes skipped ({where}; "
                                "cut by a crash?)"))
    return text


def without_nul_lines(data: bytes, path: Path) -> tuple[bytes, list[int]]:
    """Text whose few damaged lines hold NUL bytes (a block a file system zeroed when the machine
    went down mid-write, a stray byte) with those lines left blank, and their 0-based numbers;
    binary content is refused. The first line must be whole: it may be a header."""
    lines = data.split(b"\n")
    bad = [k for k, line in enumerate(lines) if b"\x00" in line]
    if not data.strip(b"\x00"):
        # Said of what was read: the head sniffed of a file that goes on had been said to be all of it.
        whole = not path.is_file() or path.stat().st_size <= len(data)
        raise CurvedocError("the file holds only NUL bytes (zeroed by a crash?)" if whole else
                            f"the file opens with {len(data):,} NUL bytes (zeroed by a crash?): no header to read "
                            "a table or log by", path)
    if bad[0] == 0 or len(bad) * 2 > len(lines):
        check_not_utf16(data, path)
        raise CurvedocError("binary content, not a text log (nor a TensorBoard event file)", path, lasting=True)
    for k in bad:
        lines[k] = b""  # blank, not gone: the line before keeps its line end
    return b"\n".join(lines), bad


def utf16_text(data: bytes, path: Path, final: bool = True) -> str | None:
    """UTF-16 text with its BOM decoded, None without one; ``final=False`` for a file's first bytes,
    which may end mid-character."""
    if not data.startswith(UTF16_BOMS + (codecs.BOM_UTF32_BE,)):
        return None
    # UTF-32's little-endian mark begins with UTF-16's: read as UTF-16 it is text with a NUL between letters.
    codec = "utf-32" if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) else "utf-16"
    try:
        return codecs.getincrementaldecoder(codec)().decode(data, final=final)
    except UnicodeDecodeError as err:
        raise CurvedocError(f"not {codec.upper()} text, though it starts with {codec.upper()}'s byte-order mark "
                            f"(byte {err.start} is invalid)", path) from None


def check_not_utf16(head: bytes, path: Path) -> None:
    """Name UTF-16 without a BOM rather than call it binary: mostly ASCII text, every other byte zero."""
    sample = head[:4096]
    even, odd = sample[0::2], sample[1::2]
    if len(sample) >= 8 and ((odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even))
                             or (even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd))):
        raise CurvedocError("UTF-16 text without a byte-order mark: save it as UTF-8 (or as UTF-16 with its BOM)",
                            path)


def valid_text(name: str) -> str:
    """A name as UTF-8 can hold it: a lone surrogate (a JSON key's "\\udc00", written by an exporter
    that cut a string inside an emoji) shown as its escape. Left in, it refused the whole log where
    the names became a table's columns."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return name.encode("utf-8", "backslashreplace").decode("utf-8")


@contextmanager
def gc_paused():
    """Millions of small objects (a text log's tuples, a JSON history's entries) would trigger the
    cyclic GC over and over; none of them cycle."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _json_lines_of(text: str, err: json.JSONDecodeError) -> str | None:
    """What the lines of a JSON Lines file whose first line is a whole JSON value other than an object
    hold ("arrays" of values, "numbers", ...), when the error is the second line starting another; else None."""
    if (err.lineno, err.colno) != (2, 1):
        return None
    try:
        first = json.loads(text.lstrip().split("\n", 1)[0])
    except ValueError:
        return None
    if isinstance(first, list) and any(isinstance(v, (list, dict)) for v in first):
        return None  # a document of its own (TensorBoard's download, [[time, step, value], ...]) appended to
    kinds = {list: "arrays", str: "strings", bool: "booleans", int: "numbers", float: "numbers"}
    return kinds.get(type(first)) if first is not None else "nulls"


def load_json(path: Path):
    """One JSON document, with a clear error for a file cut or appended to while training."""
    # A crash can leave the blocks allocated past a document's end as NUL bytes: none of its text.
    # (In a line format the cut line before them may be cut short; a JSON document says so itself.)
    noted = len(_damage_notes)
    try:
        text = read_text(path, nul_tail=True)
    except CurvedocError:
        text = _document_before_nul(path, noted)
        if text is None:
            raise
    if not text or text.isspace():  # a log directory's JSON file created but not yet written
        raise CurvedocError("the file is empty" if not text else "the file holds only whitespace", path)
    try:
        return json.loads(text)  # the json module accepts bare NaN / Infinity, as Trainer and Keras write them
    except json.JSONDecodeError as err:  # (nested too deeply: the registry names the format)
        if (whole := _document_before_nul(path, noted)) is not None:
            return json.loads(whole)
        if err.msg == "Extra data" and (kind := _json_lines_of(text, err)) is not None:
            # JSON Lines whose records are no objects ("[1, 2.54]"): not a document with text appended.
            raise CurvedocError(f"JSON lines of {kind}, not of objects: a record is read as an object of names "
                                'and values, {"step": 1, "loss": 2.5}', path) from None
        if err.msg == "Extra data":
            raise CurvedocError(f"more text after the end of the JSON document, at line {err.lineno} column "
                                f"{err.colno} (something appended to the file?)", path) from None
        if _cut_short(text, err.pos):
            raise CurvedocError(f"truncated JSON: the document ends at line {err.lineno} before it closes "
                                "(written while training?)", path) from None
        raise CurvedocError(f"invalid JSON at line {err.lineno}, column {err.colno}: {err.msg}", path) from None
    except ValueError:  # Python refuses an integer of thousands of digits
        raise CurvedocError("a number of thousands of digits: not a training log", path) from None


def _document_before_nul(path: Path, noted: int) -> str | None:
    """The text before the file's first NUL byte when it is a whole JSON document and other bytes follow
    the NULs (a crash left zeroed blocks and stale data past its end), noted in place of the notes
    taken on this file since ``noted``; else None. Refused as binary, or its last line blanked as
    damage and the document called truncated, the whole state was lost."""
    data = read_bytes(path)
    cut = data.find(b"\x00")
    if cut < 0 or not data[cut:].strip(b"\x00"):
        return None
    try:
        text = data[:cut].decode("utf-8-sig")
        json.loads(text)
    except ValueError:  # not UTF-8, not a whole document
        return None
    del _damage_notes[noted:]
    _damage_notes.append((path, f"the JSON document is followed by NUL bytes and other data ({len(data) - cut:,} "
                                "bytes), not read (a write cut by a crash?)"))
    return text


def _cut_short(text: str, pos: int) -> bool:
    """The parser failed on the last line and nothing after it closes: a file cut mid-write."""
    rest = text[pos:].rstrip()
    return "\n" not in rest and "}" not in rest and "]" not in rest


def not_unpickled(what: str) -> str:
    """Why a pickle is refused, and what to save instead."""
    return f"{what}: curvedoc never unpickles a file, which can run code; save the history as CSV or JSON " \
           "(DataFrame.to_csv, json.dump)"


def holds_arrays_only(path: Path) -> bool:
    """Whether a zip archive holds .npy arrays and nothing else: an .npz by its content, whatever its
    name (standard input's copy has none)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False
    return bool(names) and all(n.endswith(".npy") for n in names)


def zip_contents(path: Path) -> str:
    """Why a zip archive (not an .npz) is not read: what it holds, as a user would name it."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return "a zip archive that cannot be read (cut short?)"
    if any(n.endswith("data.pkl") for n in names):
        return not_unpickled("a PyTorch file (torch.save, a pickle in a zip)")
    if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
        return "an Excel workbook: save the sheet as CSV (DataFrame.to_csv, or Save As CSV)"
    return "a zip archive: unpack it and pass the log inside"


_COMPRESSION_SUFFIXES = frozenset({".gz", ".bz2", ".xz", ".zst", ".zip"})
_LOG_SUFFIXES = frozenset({".csv", ".tsv", ".txt", ".log", ".out", ".json", ".jsonl", ".dat", ".parquet", ".pq", ".npy",
                           ".npz", ".feather", ".arrow", ".xlsx"})


def log_stem(name: str) -> str:
    """A log file's name without its format and compression suffixes, dots in the name kept:
    ``lr0.1.csv.gz`` is ``lr0.1`` (cut at the first dot, two sweep runs were ``lr0`` and ``lr0#2``)."""
    path = Path(name)
    if path.suffix.lower() in _COMPRESSION_SUFFIXES:
        path = Path(path.stem)
    return path.stem if path.suffix.lower() in _LOG_SUFFIXES else path.name
