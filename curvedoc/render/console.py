"""Terminal output through rich, with log-supplied text never read as markup."""

from __future__ import annotations

import os
import sys

from rich.console import Console
from rich.text import Text

from curvedoc.explain import step_span
from curvedoc.render.escape import printable


# Piped or in CI there is no terminal to measure: a fixed width (or COLUMNS) keeps names and
# evidence on one line instead of rich's default 80. The height is rich's default; nothing uses it.
PIPED_SIZE = (120, 25)
# A COLUMNS narrower than this is taken for no width at all: a 0x0 pseudo-terminal (docker exec,
# some CI runners) exports 0, at which rich printed nothing, and no table fits in fewer.
MIN_COLUMNS = 20


def make_console(file=None) -> Console:
    file = file or sys.stdout
    # FORCE_COLOR colours a pipe too (rich styles it then), as the plot does; NO_COLOR wins over it.
    no_color = bool(os.environ.get("NO_COLOR")) or not (file.isatty() or os.environ.get("FORCE_COLOR"))
    width, height = console_size(file)
    return Console(file=file, no_color=no_color, highlight=False, soft_wrap=False,
                   emoji=False, markup=False, width=width, height=height)


def console_size(file) -> tuple[int | None, int | None]:
    """Width and height for rich: COLUMNS and LINES where usable, else the terminal's, else PIPED_SIZE.
    An unusable value (empty, ``abc``, ``0``, ``²``) is ignored, as the shell ignores it. Rich reads
    both itself whenever either size is left to it, and failed on ``²``, which ``isdigit()`` takes
    for a digit; so it measures (and follows a resized terminal) only when neither is unusable."""
    columns, lines = _env_size("COLUMNS", MIN_COLUMNS), _env_size("LINES", 1)
    if not file.isatty():
        return columns or PIPED_SIZE[0], lines or PIPED_SIZE[1]
    if (columns or "COLUMNS" not in os.environ) and (lines or "LINES" not in os.environ):
        return None, None
    try:
        measured = os.get_terminal_size(file.fileno())
    except (OSError, ValueError):
        measured = os.terminal_size(PIPED_SIZE)
    return (columns or (measured.columns if measured.columns >= MIN_COLUMNS else PIPED_SIZE[0]),
            lines or measured.lines or PIPED_SIZE[1])


def _env_size(name: str, least: int) -> int | None:
    """The environment's ``name`` as a whole number of at least ``least``; None when unset or unusable."""
    raw = os.environ.get(name, "")
    return int(raw) if raw.isascii() and raw.isdigit() and int(raw) >= least else None


def literal(value: object) -> Text:
    """Names from a log (metric, run, path) shown exactly, escapes and markup defused."""
    text = str(value)
    cleaned = printable(text)
    return Text(cleaned)


def extent(n: int, first: int | None, last: int | None, axis: str) -> str:
    """'30 epochs' for a log of every step; '156 points, steps 10-1560' for one logged every tenth."""
    if n < 2 or first is None or last is None or last - first + 1 == n:
        return f"{n} {axis}{'s' * (n != 1)}"
    return f"{n} points, {axis}s {step_span(first, last)}"


def print_hanging(console, head: Text, body: Text | None = None, indent: int | None = None) -> None:
    """``head`` then ``body``, wrapped to the console's width with every line after the first indented:
    by ``indent``, or under the body's start (an evidence line's text under its "- "). A report carried
    by its indentation read wrapped lines at column 0 as lines of their own."""
    text = head.copy() if body is None else head + body
    hang = len(head) if indent is None else indent
    width = max(console.width, MIN_COLUMNS)
    hang = min(hang, width // 2)
    lines = text.wrap(console, width, overflow="fold")
    console.print(_rstripped(lines[0]) if lines else Text(), soft_wrap=True)
    if len(lines) > 1:
        # The rest from the text itself, past the first line, wrapped to the narrower width: joining
        # the wrapped lines put a space inside a word folded across them (a long path).
        for line in _stripped(text[len(lines[0]):]).wrap(console, width - hang, overflow="fold"):
            console.print(Text(" " * hang) + _stripped(line), soft_wrap=True)


def _rstripped(text: Text) -> Text:
    text = text.copy()
    text.rstrip()
    return text


def _stripped(text: Text) -> Text:
    """``text`` without the spaces it starts or ends with."""
    return _rstripped(text[len(text.plain) - len(text.plain.lstrip()):])
