"""curvedoc: diagnose sudden changes in neural-network training curves."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["CurvedocError", "__version__", "analyze", "compare", "info", "read", "watch"]

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
    """Analyse a log path (or runs from ``read``, or a pandas DataFrame with a step column or index):
    a ``RunAnalysis`` per run, events labelled."""
    from curvedoc.analysis import analyze as _analyze

    return _analyze(source, metrics, **kwargs)


def compare(sources, metrics=None, **kwargs):
    """Compare runs (log paths or ``RunAnalysis`` objects) on a common axis: a ``Comparison``."""
    from curvedoc.comparison import compare as _compare

    return _compare(sources, metrics, **kwargs)


def watch(path, interval=5.0, metrics=None, **kwargs):
    """Follow a log as it is written: yields a ``WatchUpdate`` per new event, stage-end alert or note."""
    from curvedoc.watching import watch as _watch

    return _watch(path, interval, metrics, **kwargs)
