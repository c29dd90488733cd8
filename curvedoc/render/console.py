"""Terminal output through rich, with log-supplied text never read as markup."""

from __future__ import annotations

import os
import sys

from rich.console import Console
from rich.text import Text

from curvedoc.render.escape import printable


def make_console(file=None) -> Console:
    file = file or sys.stdout
    no_color = bool(os.environ.get("NO_COLOR")) or not file.isatty()
    # Piped or in CI there is no terminal to measure: a fixed width (or COLUMNS)
    # keeps names and evidence on one line instead of rich's default 80.
    width = None if file.isatty() else int(os.environ.get("COLUMNS", "120"))
    return Console(file=file, no_color=no_color, highlight=False, soft_wrap=False,
                   emoji=False, markup=False, width=width)


def literal(value: object) -> Text:
    """Names from a log (metric, run, path) shown exactly, escapes and markup defused."""
    text = str(value)
    cleaned = printable(text)
    return Text(cleaned)


def extent(n: int, first: int | None, last: int | None, axis: str) -> str:
    """'30 epochs' for a log of every step; '156 points, steps 10-1560' for one logged every tenth."""
    if n < 2 or first is None or last is None or last - first + 1 == n:
        return f"{n} {axis}{'s' * (n != 1)}"
    return f"{n} points, {axis}s {first}-{last}"
