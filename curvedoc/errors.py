"""The one exception type that carries a user-facing message."""


class CurvedocError(Exception):
    """Bad input or usage. The CLI prints ``str(err)`` on one line and exits 2."""

    def __init__(self, message: str, path: object = None, lasting: bool = False):
        self.path = path
        self.reason = message  # the message without the path, for a line that names the path its own way
        # What the file is, which more lines written to it cannot change (binary, an archive, a device):
        # `watch` stops on it rather than waiting for the log to be written.
        self.lasting = lasting
        super().__init__(f"{path}: {message}" if path is not None else message)
