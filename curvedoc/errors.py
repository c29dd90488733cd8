"""The one exception type that carries a user-facing message."""


class CurvedocError(Exception):
    """Bad input or usage. The CLI prints ``str(err)`` on one line and exits 2."""

    def __init__(self, message: str, path: object = None):
        self.path = path
        self.reason = message  # the message without the path, for a line that names the path its own way
        super().__init__(f"{path}: {message}" if path is not None else message)
