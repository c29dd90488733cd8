"""Text from a log shown as written: never interpreted by the terminal."""


def printable(text: object) -> str:
    """Control characters (escape sequences, newlines) shown escaped, everything else as is."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in str(text))
