"""The README's example outputs are what the commands print today."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

import readme_blocks  # noqa: E402


def test_every_readme_output_block_is_current():
    text = readme_blocks.README.read_text()
    found = readme_blocks.blocks(text)
    assert len(found) >= 3
    for command, body in found:
        expected = f"```text\n{readme_blocks.run(command)}\n```\n"
        assert body == expected, f"README block for `{command}` is stale: run python tools/readme_blocks.py"
