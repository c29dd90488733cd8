"""Keep the README's example outputs true: each block is the output of the command it names.

A block is written as

    <!-- output: curvedoc analyze sample_logs/cnn_step_decay_tb -->
    ```text
    ...
    ```
    <!-- end output -->

`python tools/readme_blocks.py` rewrites every block from the current code;
tests/test_readme.py fails when one is stale.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BLOCK = re.compile(r"(<!-- output: (?P<cmd>.+?) -->\n)(?P<body>.*?)(<!-- end output -->)", re.S)


def run(command: str) -> str:
    """The command's output as a new user sees it in a 100-column terminal without colour."""
    args = shlex.split(command)
    assert args[0] == "curvedoc"
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", *args[1:]], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300)
    return "\n".join(line.rstrip() for line in res.stdout.rstrip().splitlines())


def render(text: str) -> str:
    def replace(m: re.Match) -> str:
        return f"{m.group(1)}```text\n{run(m.group('cmd'))}\n```\n{m.group(4)}"

    return BLOCK.sub(replace, text)


def blocks(text: str) -> list[tuple[str, str]]:
    return [(m.group("cmd"), m.group("body")) for m in BLOCK.finditer(text)]


if __name__ == "__main__":
    README.write_text(render(README.read_text()))
