"""Write one generated block of docs/benchmarks.md, leaving the rest of the page as it is."""

from __future__ import annotations

from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"


def write_block(name: str, text: str, heading: str) -> None:
    """Replace the block between ``<!-- name:begin -->`` and ``<!-- name:end -->``, or append it."""
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    block = f"{begin}\n{text}\n{end}"
    doc = DOC.read_text() if DOC.exists() else "# Benchmarks\n"
    if begin in doc and end in doc:
        doc = doc[: doc.index(begin)] + block + doc[doc.index(end) + len(end):]
    else:
        doc = doc.rstrip("\n") + f"\n\n## {heading}\n\n{block}\n"
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text(doc)
