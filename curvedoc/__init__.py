"""curvedoc: diagnose sudden changes in neural-network training curves."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["CurvedocError", "__version__", "analyze", "info", "read"]

from curvedoc.errors import CurvedocError


def read(path, format=None):
    """Read a log file or directory into a list of ``Run``."""
    from curvedoc.readers import read as _read

    return _read(path, format)


def info(path, format=None):
    """What ``curvedoc info`` reports for one log, as a JSON-ready dict."""
    from curvedoc.info import describe

    return describe(path, format)


def analyze(source, metrics=None, **kwargs):
    """Analyse a log path (or runs from ``read``): a ``RunAnalysis`` per run, events labelled."""
    from curvedoc.analysis import analyze as _analyze

    return _analyze(source, metrics, **kwargs)
