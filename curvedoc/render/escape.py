"""Text from a log shown as written: never interpreted by the terminal."""

import unicodedata


def printable(text: object) -> str:
    """Control characters (escape sequences, newlines) shown escaped, everything else as is."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in str(text))


# Drawing characters as an ASCII-only terminal can show them (``PYTHONIOENCODING=ascii``, a C locale
# without UTF-8): box lines, plot markers and dashes; anything else is escaped (``\u2192``).
# (Box lines by their names, below.)
_ASCII = {**dict.fromkeys("▀▔", "'"), **dict.fromkeys("▄▁▂▃", "."), **dict.fromkeys("█▌▐▖▗▘▝▚▞▙▛▜▟▅▆▇", "#"),
          "•": "o", "·": ".", "×": "x", "–": "-", "—": "-", "…": "...", "→": "->", "←": "<-", "≤": "<=",
          "≥": ">=", "±": "+-", "µ": "u", "✓": "v", "✗": "x", "\u2800": " "}


def ascii_replace(err: UnicodeError) -> tuple[str, int]:
    """A codec error handler: the drawing characters an encoding lacks as ASCII, braille dots (plotext's
    markers) as ``.``, anything else as a backslash escape. Plots drawn for an ASCII-only terminal were
    all escapes (``\\u2500\\u2500``)."""
    if not isinstance(err, UnicodeEncodeError):
        raise err
    out = []
    for ch in err.object[err.start:err.end]:
        if ch in _ASCII:
            out.append(_ASCII[ch])
        elif "\u2500" <= ch <= "\u257f":  # the rest of the box drawing block (dotted, doubled lines)
            name = unicodedata.name(ch, "")
            out.append("+" if " AND " in name else "|" if "VERTICAL" in name else "-" if "HORIZONTAL" in name
                       else "+")  # a corner, a junction, an arc
        elif "\u2801" <= ch <= "\u28ff":
            out.append(".")
        else:
            out.append(ch.encode("ascii", "backslashreplace").decode("ascii"))
    return "".join(out), err.end
